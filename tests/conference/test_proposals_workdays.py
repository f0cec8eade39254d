import datetime as dt

from policyreach.conference.workdays import add_months, add_workdays, is_workday, known, workdays_between


def test_official_calendar_knows_make_up_days_and_holidays():
    assert known(2024)
    assert is_workday(dt.date(2024, 9, 29))  # a Sunday made a working day (调休)
    assert is_workday(dt.date(2024, 10, 12))  # a Saturday made a working day
    assert not is_workday(dt.date(2024, 10, 1))  # National Day
    assert not is_workday(dt.date(2024, 10, 7))


def test_working_days_skip_the_golden_week():
    # Friday 27 Sep 2024 + 5 working days: Sun 29 Sep, Mon 30 Sep, then the holiday to 7 Oct, Tue 8, Wed 9, Thu 10
    assert add_workdays(dt.date(2024, 9, 27), 2) == dt.date(2024, 9, 30)
    assert add_workdays(dt.date(2024, 9, 27), 5) == dt.date(2024, 10, 10)
    assert workdays_between(dt.date(2024, 9, 30), dt.date(2024, 10, 7)) == 0


def test_unknown_years_fall_back_to_weekdays():
    assert not known(2099)
    assert is_workday(dt.date(2099, 1, 1))  # a Thursday; no holiday table that far ahead
    assert not is_workday(dt.date(2099, 1, 3))


def test_months_clamp_to_the_end_of_the_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 9, 27), 6) == dt.date(2025, 3, 27)
