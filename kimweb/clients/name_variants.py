"""Tables for name matching: other scripts to Latin, and given names known to be one name."""

# Plain data, to be edited by people who know the names; name_spelling.py and matching.py hold
# the rules. Transliterations follow the spellings found in passports (Ukrainian and Russian
# national systems, Bulgarian streamlined system, the Serbian Latin alphabet).

# Russian reading; the other Cyrillic languages override a few letters below.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
UKRAINIAN = {"г": "h", "и": "y", "й": "i"}
BULGARIAN = {"щ": "sht", "ъ": "a", "х": "h"}
SERBIAN = {"х": "h", "ц": "c", "ч": "c", "ш": "s", "ж": "z"}
# Letters that only one of the languages uses; a word without any of them is read both ways.
UKRAINIAN_ONLY = frozenset("єіїґ")
RUSSIAN_ONLY = frozenset("ыэё")
BULGARIAN_ONLY = frozenset("ъ")
SERBIAN_ONLY = frozenset("ђјљњћџѓќѕ")

# Arabic, Persian, Pashto and Sorani letters. Short vowels are not written in these scripts, so
# such words are compared by their consonants; waw and ya are consonants at the start of a word
# and long vowels elsewhere (see name_spelling._arabic).
ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ـ": "",
    # Persian, Dari, Pashto, Sorani
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ټ": "t", "ډ": "d", "ړ": "r", "ښ": "sh",
    "ږ": "zh", "ځ": "dz", "څ": "ts", "ڼ": "n", "ې": "e", "ۍ": "ai", "ڕ": "r", "ڵ": "l", "ڤ": "v",
    "ۆ": "o", "ێ": "e", "ە": "e", "ھ": "h",
    # vowel marks, when someone writes them
    "\u064e": "a", "\u064f": "u", "\u0650": "i", "\u064b": "", "\u064c": "", "\u064d": "",
    "\u0651": "", "\u0652": "",
}
ARABIC_WAW = frozenset("وۇۉ")
ARABIC_YA = frozenset("يیۍ")

GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
GREEK_DIGRAPHS = {"ου": "ou", "αι": "ai", "ει": "i", "οι": "i", "μπ": "b", "ντ": "d", "γκ": "g"}

GEORGIAN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i",
    "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s",
    "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch", "ც": "ts",
    "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}

# Arabic articles written as their own word ("Al-Hassan", "El Hassan", "Nour ad-Din").
ARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "at", "an", "az", "ed", "er", "es", "ez"})
# An article glued to the name ("Alhasan") is only guessed; "Albert" starts the same way.
GLUED_ARTICLES = ("al", "el")

# One line per name: the spellings that are the same name in transliteration or in a
# neighbouring language of the same community. Names that merely look alike but are different
# names (Hasan / Husein, Ali / Alia, Olena / Olha, Mehmet / Muhammed, which are distinct names in
# Turkey) sit on separate lines: two names on different lines count as different. The lines are
# used for family names too, since Arabic, Kurdish and Eritrean family names are mostly a
# father's or grandfather's given name. Spellings that come out the same after
# name_spelling.phonetic() need not be listed.
GIVEN_NAME_GROUPS = [
    # Arabic, with Turkish, Kurdish, Persian, Bosnian and Albanian forms of the same name
    "Muhammad Mohammed Mohammad Muhammed Mohamed Mohamad Muhamad Mouhamad Mohamud Muhamed Mihemed Muhamet محمد",
    "Mehmet Mehmed",
    "Mahmoud Mahmud Mahmood Mahmut محمود",
    "Ahmad Ahmed Ahmet Achmed Achmad Ahmat أحمد احمد",
    "Hasan Hassan Hasen Hassen Hesen Hassane حسن",
    "Hussein Husein Hussain Husain Hossein Hosein Huseyin Hüseyin Husejin Hysen Hussien Xuseyn حسين",
    "Hasani Hassani",
    "Ali Aly علي",
    "Alia Aliya Aliyah Alya Aliaa Aaliyah",
    "Omar Umar Omer Ömer عمر",
    "Osman Usman Othman Uthman Osmane عثمان",
    "Yusuf Yousef Youssef Yousif Yusef Jusuf Youcef Yossef Yousuf Yusif Josuf يوسف",
    "Josef Joseph Józef Jozef Josip",
    "Ibrahim Ebrahim Ibrahem Brahim Ibraheem Ibrahima إبراهيم ابراهيم",
    "Ismail Ismael Esmail Ismayil Ismaeel Smail إسماعيل اسماعيل",
    "Khalid Khaled Chalid Chaled Halid Halit Xalid Khalied خالد",
    "Khalil Chalil Halil Xelil Khaleel Xalil خليل",
    "Mustafa Mostafa Moustafa Mustapha Mostapha Moustapha Mustefa مصطفى",
    "Abdullah Abdallah Abdulla Abdellah Abdalla Abdollah Abdulah Abdillahi عبدالله",
    "Abdulrahman Abdelrahman Abdurrahman Abderrahmane Abdalrahman Abdolrahman Abdirahman عبدالرحمن",
    "Fatima Fatma Fatimah Fatme Fadime Fatema Fatemeh Fatime Fatuma فاطمة",
    "Aisha Aischa Ayesha Aicha Aysha Ayşe Ayse Aishe Ajsa Ajša عائشة",
    "Khadija Khadidja Chadidscha Hatice Hadice Hadija Hadidja Xedice Kadija Hatidza خديجة",
    "Zainab Zeinab Zaynab Zeynep Zejneb Sainab زينب",
    "Maryam Mariam Meryem Merjem Miriam Myriam مريم",
    "Maria Mariia Mariya Marija",
    "Amina Emine Aminah Ameena Emina آمنة",
    "Nour Nur Noor Nuur نور",
    "Layla Leila Laila Leyla Lejla Leilah ليلى",
    "Jamal Djamal Gamal Cemal Dschamal Jamel Dzemal جمال",
    "Jamila Djamila Gamila Cemile Dschamila Jamileh Dzemila جميلة",
    "Kamal Kemal Kamel",
    "Said Saeed Saeid Sait",
    "Sayed Seyed Seyyed Sayyed Seyit",
    "Suleiman Sulaiman Sulayman Süleyman Suleyman Sulejman Soliman Slimane سليمان",
    "Yunus Younes Younis Yunes Younus Junus Yonis يونس",
    "Qasim Kasim Kassem Qassem Qasem Kasem Kasım قاسم",
    "Ghassan Ghasan Gassan غسان",
    "Saleh Salih صالح",
    "Zahra Zehra Sahra Zahraa زهراء",
    "Hamza Hamsa Hamze Hamzah حمزة",
    "Mahdi Mehdi Mahdy مهدي",
    "Reza Riza Rıza Resa رضا",
    "Yasin Yassin Yaseen Yassine Jasin ياسين",
    "Yasmin Yasmine Yasmina Jasmina Yesmin ياسمين",
    "Jasmin",
    # Afghan (Dari / Pashto)
    "Zabihullah Zabiullah Zabeehullah Sabihullah",
    "Nurullah Noorullah Nourullah Norullah نورالله",
    "Gul Gol Gül",
    # Eritrean and Ethiopian (Tigrinya, Amharic)
    "Tesfaye Tesfay Tesfai Tesfaie",
    "Tsegay Tsegai Tsegaye Tzegai Tsegaie",
    "Haile Hayle Hailé",
    "Hailu Hailou",
    "Yohannes Yohanes Yohans Johannes",
    "Yonas Jonas Yones",
    "Eyob Iyob Eyoub",
    "Mehret Mihret Meheret",
    "Senait Senayt Senaid",
    # Ukrainian, Russian, Belarusian, Bulgarian, Serbian
    "Oleksandr Oleksander Olexandr Olexander Aleksandr Alexandr Alexander Aleksander Aleksandar Aliaksandr Alexandru",
    "Oleksandra Olexandra Aleksandra Alexandra",
    "Oleksii Oleksiy Oleksij Aleksei Alexei Alexey Aleksey Alexej Aleksej",
    "Olena Elena Yelena Jelena Alena Olyona",
    "Olha Olga Olgha Olja",
    "Oleh Oleg",
    "Serhii Serhiy Serhij Sergei Sergey Sergej Sergii Sergiy Sergiu",
    "Andrii Andriy Andrij Andrei Andrey Andrej",
    "Dmytro Dmitro Dmitri Dmitrii Dmitriy Dmitrij Dimitri Dimitar Dimitrij Dmitry",
    "Mykola Mikola Nikolai Nikolay Nikolaj Nicolai",
    "Nikola",
    "Mykhailo Mykhaylo Mychajlo Mikhail Mihail Michail Mihajlo Mikhailo Mihailo",
    "Volodymyr Wolodymyr Vladimir Wladimir Volodimir",
    "Yurii Yuriy Jurij Juri Yuri Iurii Yury Jurii",
    "Ihor Igor",
    "Hryhorii Hryhoriy Hryhorij Grigorii Grigoriy Grigori Grigorij",
    "Bohdan Bogdan",
    "Yevhen Ievgen Yevgen Evgeny Evgenii Evgeniy Yevgeniy Jewgeni Jewgenij Evgenij",
    "Yevheniia Yevgenia Evgenia Evgeniya Jewgenija",
    "Vasyl Vasili Vasiliy Vasilij Wassili Wasyl Vasily",
    "Petro Petr Pyotr Pjotr Petar",
    "Heorhii Georgi Georgiy Georgii Georgios Giorgi Heorhiy",
    "Halyna Galina Halina Galyna",
    "Hanna Ganna",
    "Anna Ana",
    "Nataliia Natalia Nataliya Natalija Natalya Natalja",
    "Yuliia Yulia Julia Iuliia Julija Yuliya Juliya Iulia",
    "Tetiana Tetyana Tatiana Tatjana Tatyana Tetjana",
    "Svitlana Svetlana Swetlana Switlana",
    "Viktoriia Viktoria Victoria Wiktoria Viktorija Viktoriya",
    "Liudmyla Lyudmyla Ludmila Ljudmila Lyudmila Ludmilla",
    "Kateryna Katerina Ekaterina Yekaterina Jekaterina Katarina",
    "Anastasiia Anastasia Anastasiya Anastasija",
    "Dariia Daria Darya Darja",
    "Sofiia Sofia Sophia Sofiya Sofija",
    "Maksym Maxim Maksim Maxym",
    "Valentyna Valentina Walentina",
    "Lesia Lesya Lessja",
]
