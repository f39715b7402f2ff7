"""The appointment slip for the client: date, time, place with the directory address and the
public transport hint, what to bring; in German and, where texts are provided here, in the
client's language. The texts are data: add a language by adding its dict."""

from ..clients.models import Client
from ..timeutil import to_local
from .models import Appointment

# The fixed lines of the slip per language (ISO 639); German is always printed.
SLIP_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Ihr Termin",
        "when": "Wann",
        "where": "Wo",
        "with": "Bei",
        "bring": "Bitte mitbringen",
        "travel": "Anfahrt",
        "home": "Wir besuchen Sie zu Hause.",
        "phone": "Wir rufen Sie an.",
        "cancel": "Wenn Sie nicht kommen können, sagen Sie bitte vorher Bescheid.",
        "interpreter": "Eine Dolmetscherin / ein Dolmetscher ist bestellt.",
        "time": "{span} Uhr",
    },
    "en": {
        "title": "Your appointment",
        "when": "When",
        "where": "Where",
        "with": "With",
        "bring": "Please bring",
        "travel": "How to get there",
        "home": "We will visit you at home.",
        "phone": "We will call you.",
        "cancel": "If you cannot come, please let us know beforehand.",
        "interpreter": "An interpreter has been booked.",
        "time": "{span}",
    },
    "tr": {
        "title": "Randevunuz",
        "when": "Ne zaman",
        "where": "Nerede",
        "with": "Kiminle",
        "bring": "Lütfen yanınızda getirin",
        "travel": "Ulaşım",
        "home": "Sizi evinizde ziyaret edeceğiz.",
        "phone": "Sizi arayacağız.",
        "cancel": "Gelemeyecekseniz lütfen önceden haber verin.",
        "interpreter": "Bir tercüman ayarlandı.",
        "time": "saat {span}",
    },
    "uk": {
        "title": "Ваш прийом",
        "when": "Коли",
        "where": "Де",
        "with": "У кого",
        "bring": "Будь ласка, візьміть із собою",
        "travel": "Як дістатися",
        "home": "Ми відвідаємо вас удома.",
        "phone": "Ми вам зателефонуємо.",
        "cancel": "Якщо ви не можете прийти, будь ласка, повідомте нас заздалегідь.",
        "interpreter": "Перекладача замовлено.",
        "time": "{span}",
    },
    "ru": {
        "title": "Ваш приём",
        "when": "Когда",
        "where": "Где",
        "with": "У кого",
        "bring": "Пожалуйста, возьмите с собой",
        "travel": "Как добраться",
        "home": "Мы навестим вас дома.",
        "phone": "Мы вам позвоним.",
        "cancel": "Если вы не можете прийти, пожалуйста, сообщите нам заранее.",
        "interpreter": "Переводчик заказан.",
        "time": "{span}",
    },
    "ar": {
        "title": "موعدك",
        "when": "متى",
        "where": "أين",
        "with": "عند",
        "bring": "يرجى إحضار",
        "travel": "كيفية الوصول",
        "home": "سنزورك في منزلك.",
        "phone": "سنتصل بك.",
        "cancel": "إذا لم تتمكن من الحضور، يرجى إبلاغنا مسبقًا.",
        "interpreter": "تم حجز مترجم.",
        "time": "الساعة {span}",
    },
    "pl": {
        "title": "Twoja wizyta",
        "when": "Kiedy",
        "where": "Gdzie",
        "with": "U kogo",
        "bring": "Prosimy zabrać ze sobą",
        "travel": "Dojazd",
        "home": "Odwiedzimy Panią/Pana w domu.",
        "phone": "Zadzwonimy do Pani/Pana.",
        "cancel": "Jeśli nie może Pani/Pan przyjść, prosimy o wcześniejszą informację.",
        "interpreter": "Tłumacz jest zamówiony.",
        "time": "godz. {span}",
    },
}
RTL = frozenset({"ar", "fa", "prs", "ps", "ckb"})
WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}


def client_language(client: Client, appointment: Appointment) -> str | None:
    """The language the second column is printed in, if texts for it exist."""
    for code in (appointment.interpreter_language, client.interpreter_language, *client.languages.split()):
        if code and code != "de" and code in SLIP_TEXTS:
            return code
    return None


def slip_context(client: Client, appointment: Appointment) -> dict:
    start, end = to_local(appointment.starts_at), to_local(appointment.ends_at)
    second = client_language(client, appointment)
    location = appointment.location if appointment.place == "location" else None
    return {
        "client": client,
        "appointment": appointment,
        "start": start,
        "end": end,
        "weekday": WEEKDAYS["de"][start.weekday()],
        "languages": [("de", SLIP_TEXTS["de"])] + ([(second, SLIP_TEXTS[second])] if second else []),
        "rtl": RTL,
        "location": location if location is not None and not location.address_confidential else None,
        "organization": appointment.organization,
    }
