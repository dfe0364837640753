import pytest

from hallway.lib.env import SettingError, env_bool, env_choice, env_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("YES", True),
        ("on", True),
        ("1", True),
        ("false", False),
        ("No", False),
        ("off", False),
        ("0", False),
        (" true ", True),
    ],
)
def test_yes_no_settings_read_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("HALLWAY_FLAG", value)
    assert env_bool("HALLWAY_FLAG", not expected) is expected


def test_an_unset_or_empty_yes_no_setting_gives_its_default(monkeypatch):
    monkeypatch.delenv("HALLWAY_FLAG", raising=False)
    assert env_bool("HALLWAY_FLAG", True) is True
    monkeypatch.setenv("HALLWAY_FLAG", "")
    assert env_bool("HALLWAY_FLAG", True) is True


def test_a_typo_in_a_yes_no_setting_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("HALLWAY_SECURE_COOKIES", "ture")
    with pytest.raises(SettingError, match=r"^HALLWAY_SECURE_COOKIES='ture' is not a yes/no value"):
        env_bool("HALLWAY_SECURE_COOKIES", False)


def test_a_number_setting_reads_whole_numbers_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("HALLWAY_SMTP_PORT", " 2525 ")
    assert env_int("HALLWAY_SMTP_PORT", 25) == 2525
    monkeypatch.setenv("HALLWAY_SMTP_PORT", "")
    assert env_int("HALLWAY_SMTP_PORT", 25) == 25
    for bad in ("abc", "25.5", "2e3"):
        monkeypatch.setenv("HALLWAY_SMTP_PORT", bad)
        with pytest.raises(
            SettingError, match=rf"^HALLWAY_SMTP_PORT='{bad}' is not a whole number"
        ):
            env_int("HALLWAY_SMTP_PORT", 25)


def test_a_choice_setting_takes_one_of_its_choices_in_any_case(monkeypatch):
    monkeypatch.setenv("HALLWAY_MODE", "Fast")
    assert env_choice("HALLWAY_MODE", "slow", ["slow", "fast"]) == "fast"
    monkeypatch.setenv("HALLWAY_MODE", "quick")
    with pytest.raises(SettingError, match=r"^HALLWAY_MODE='quick' is not one of: slow, fast\.$"):
        env_choice("HALLWAY_MODE", "slow", ["slow", "fast"])
