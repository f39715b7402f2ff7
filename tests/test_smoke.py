def test_start_page_needs_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_logged_in_user_sees_start_page(client, login_as):
    user = login_as("case_manager")
    response = client.get("/")
    assert response.status_code == 200
    assert user.display_name in response.text
