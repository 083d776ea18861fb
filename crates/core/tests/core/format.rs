//! Money and time axes as people read them.

use flightdeck_core::format::{MoneyAxis, date_ticks, figure, long_date, money};

use crate::builders::date;

#[test]
fn money_is_written_with_its_currency_at_a_readable_scale() {
    let cases = [
        (450_000_000.0, "USD", "$450M"),
        (2_750_000.0, "EUR", "€2.75M"),
        (238_700_000.0, "USD", "$239M"),
        (218_000.0, "GBP", "£218k"),
        (21_840.0, "USD", "$21.8k"),
        (950.0, "USD", "$950"),
        (0.0, "USD", "$0"),
        (999_600.0, "USD", "$1M"),
        (1_200_000_000.0, "CHF", "CHF 1.2B"),
        (-3_500_000.0, "USD", "−$3.5M"),
    ];
    for (amount, currency, want) in cases {
        assert_eq!(money(amount, currency), want, "{amount} {currency}");
    }
}

#[test]
fn an_axis_of_money_keeps_one_scale_for_every_tick() {
    let axis = MoneyAxis::up_to(450_000_000.0, "USD");
    let labels: Vec<String> = [0.0, 50e6, 125e6, 400e6]
        .iter()
        .map(|&v| axis.label(v))
        .collect();
    assert_eq!(labels, ["$0", "$50M", "$125M", "$400M"]);
    assert_eq!(MoneyAxis::up_to(800_000.0, "EUR").label(250_000.0), "€250k");
}

fn labels(lo: &str, hi: &str, max: usize) -> Vec<String> {
    date_ticks(date(lo), date(hi), max)
        .into_iter()
        .map(|t| t.label)
        .collect()
}

#[test]
fn a_short_axis_ticks_mondays_and_names_the_year_once() {
    assert_eq!(
        labels("2027-01-01", "2027-01-31", 8),
        ["4 Jan 2027", "11 Jan", "18 Jan", "25 Jan"],
        "Friday 1 January: the first tick is the Monday after"
    );
    assert_eq!(
        labels("2026-12-20", "2027-01-12", 8),
        ["21 Dec 2026", "28 Dec", "4 Jan 2027", "11 Jan"],
        "a new year is named where it starts"
    );
}

#[test]
fn ticks_widen_to_months_quarters_and_years_as_the_span_grows() {
    assert_eq!(
        labels("2027-01-04", "2027-07-30", 8),
        ["Feb 2027", "Mar", "Apr", "May", "Jun", "Jul"]
    );
    assert_eq!(
        labels("2006-01-02", "2007-12-31", 8),
        ["Q2 2006", "Q3", "Q4", "Q1 2007", "Q2", "Q3", "Q4"]
    );
    assert_eq!(
        labels("2006-01-02", "2012-06-30", 8),
        ["2007", "2008", "2009", "2010", "2011", "2012"],
        "the EVM axis of a 2006–2012 program reads in years"
    );
    assert_eq!(
        labels("1990-01-01", "2060-01-01", 8),
        [
            "1990", "2000", "2010", "2020", "2030", "2040", "2050", "2060"
        ]
    );
}

#[test]
fn no_more_ticks_than_asked_for() {
    for (lo, hi) in [
        ("2027-01-04", "2027-01-10"),
        ("2027-01-04", "2027-09-30"),
        ("2006-01-02", "2012-12-31"),
    ] {
        for max in 1..12 {
            let ticks = date_ticks(date(lo), date(hi), max);
            assert!(ticks.len() <= max, "{lo}..{hi} max {max}: {}", ticks.len());
            assert!(
                ticks
                    .iter()
                    .all(|t| t.date >= date(lo) && t.date <= date(hi)),
                "ticks inside the axis"
            );
        }
    }
    assert_eq!(long_date(date("2011-02-28")), "28 Feb 2011");
}

#[test]
fn a_measured_value_is_grouped_and_rounded_for_people() {
    let cases = [
        (97.941_666_666_666_68, "97.94"),
        (36_201.7, "36,202"),
        (1060.0, "1,060"),
        (10.5, "10.5"),
        (99.96, "99.96"),
        (123.45, "123.5"),
        (1_234_567.0, "1,234,567"),
        (-0.5, "−0.5"),
        (0.0, "0"),
    ];
    for (value, want) in cases {
        assert_eq!(figure(value), want, "{value}");
    }
}
