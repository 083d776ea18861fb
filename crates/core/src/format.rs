//! How figures are written for people, in charts, reports and messages: money with its
//! currency at a readable scale (`$450M`, `€2.75M`), and the ticks of a time axis, which adapt
//! from weeks to months, quarters and years and always say which year they are in.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// The sign written before an amount: a symbol for the common currencies, else the ISO code.
fn currency_sign(currency: &str) -> String {
    match currency {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        code => format!("{code} "),
    }
}

const SCALES: [(f64, &str); 4] = [(1.0, ""), (1e3, "k"), (1e6, "M"), (1e9, "B")];

/// A number with at most `decimals` decimals, trailing zeros dropped.
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The text with its first letter a capital, as a sentence or a heading starts:
/// "critical risk R5 open" → "Critical risk R5 open".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// An amount to three significant figures at the largest scale that keeps it at 1 or more:
/// `$950`, `$21.8k`, `$450M`, `€2.75M`, `CHF 1.2B`.
pub fn money(amount: f64, currency: &str) -> String {
    let sign = if amount < 0.0 { "−" } else { "" };
    let size = amount.abs();
    let mut at = SCALES
        .iter()
        .rposition(|&(scale, _)| size >= scale)
        .unwrap_or(0);
    let (mut value, mut decimals) = significant(size / SCALES[at].0, at);
    // 999,600 rounds to 1000k: say 1M
    if value >= 1000.0 && at + 1 < SCALES.len() {
        at += 1;
        (value, decimals) = significant(size / SCALES[at].0, at);
    }
    format!(
        "{sign}{}{}{}",
        currency_sign(currency),
        trimmed(value, decimals),
        SCALES[at].1
    )
}

/// The value rounded to three significant figures, and its decimals; whole units are never
/// split.
fn significant(value: f64, scale: usize) -> (f64, usize) {
    let decimals = match value {
        _ if scale == 0 => 0,
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    let factor = 10f64.powi(decimals as i32);
    ((value * factor).round() / factor, decimals)
}

/// Money on a chart's axis: every tick at the scale of the axis's top, so the ticks read as
/// one series (`$0`, `$100M`, `$200M`).
#[derive(Debug, Clone)]
pub struct MoneyAxis {
    sign: String,
    scale: f64,
    suffix: &'static str,
}

impl MoneyAxis {
    pub fn up_to(top: f64, currency: &str) -> MoneyAxis {
        let at = SCALES
            .iter()
            .rposition(|&(scale, _)| top.abs() >= scale)
            .unwrap_or(0);
        MoneyAxis {
            sign: currency_sign(currency),
            scale: SCALES[at].0,
            suffix: SCALES[at].1,
        }
    }

    pub fn label(&self, value: f64) -> String {
        let sign = if value < 0.0 { "−" } else { "" };
        let decimals = if self.scale == 1.0 { 0 } else { 2 };
        format!(
            "{sign}{}{}{}",
            self.sign,
            trimmed(value.abs() / self.scale, decimals),
            if value == 0.0 { "" } else { self.suffix }
        )
    }
}

/// A measured value for people: thousands grouped, and at most two decimals, fewer as the
/// value grows (`98.42`, `1,060`, `36,202`).
pub fn figure(value: f64) -> String {
    let size = value.abs();
    let decimals = match size {
        s if s >= 1000.0 => 0,
        s if s >= 100.0 => 1,
        _ => 2,
    };
    let text = trimmed(size, decimals);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text != "0" {
        "−"
    } else {
        ""
    };
    match fraction {
        "" => format!("{sign}{grouped}"),
        f => format!("{sign}{grouped}.{f}"),
    }
}

/// A date written in full for people: `28 Feb 2011`.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// One labelled tick of a time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct DateTick {
    pub date: NaiveDate,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Weeks(u32),
    Months(u32),
    Years(u32),
}

const STEPS: [Step; 10] = [
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(25),
];

impl Step {
    /// The first tick on or after `lo`: a Monday, the first of a month that starts a period of
    /// the step, or a year divisible by it.
    fn first(self, lo: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Weeks(_) => {
                let monday = lo.week(Weekday::Mon).first_day();
                Some(if monday < lo {
                    monday + Duration::days(7)
                } else {
                    monday
                })
            }
            Step::Months(n) => {
                let month0 = (lo.month0() / n) * n;
                let start = NaiveDate::from_ymd_opt(lo.year(), month0 + 1, 1)?;
                if start < lo {
                    start.checked_add_months(Months::new(n))
                } else {
                    Some(start)
                }
            }
            Step::Years(n) => {
                let n = n as i32;
                let mut year = lo.year().div_euclid(n) * n;
                if NaiveDate::from_ymd_opt(year, 1, 1)? < lo {
                    year += n;
                }
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
    }

    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Weeks(n) => Some(date + Duration::weeks(i64::from(n))),
            Step::Months(n) => date.checked_add_months(Months::new(n)),
            Step::Years(n) => date.checked_add_months(Months::new(12 * n)),
        }
    }

    fn ticks(self, lo: NaiveDate, hi: NaiveDate, max: usize) -> Option<Vec<NaiveDate>> {
        let mut dates = Vec::new();
        let mut at = self.first(lo)?;
        while at <= hi {
            if dates.len() == max {
                return None;
            }
            dates.push(at);
            at = self.next(at)?;
        }
        Some(dates)
    }

    /// The label without the year, or `None` where the year alone is the label.
    fn label(self, date: NaiveDate) -> Option<String> {
        match self {
            Step::Weeks(_) => Some(date.format("%-d %b").to_string()),
            Step::Months(3) => Some(format!("Q{}", date.month0() / 3 + 1)),
            Step::Months(6) => Some(format!("H{}", date.month0() / 6 + 1)),
            Step::Months(_) => Some(date.format("%b").to_string()),
            Step::Years(_) => None,
        }
    }
}

/// At most `max` ticks between `lo` and `hi`, at the finest of weekly (Mondays), fortnightly,
/// monthly, quarterly, half-yearly and yearly steps that fits. The first tick and every tick
/// that starts a new year carry the year (`Q1 2007`), so an axis over years always shows them.
pub fn date_ticks(lo: NaiveDate, hi: NaiveDate, max: usize) -> Vec<DateTick> {
    let max = max.max(1);
    let Some((step, dates)) = STEPS
        .iter()
        .find_map(|&step| Some((step, step.ticks(lo, hi, max)?)))
    else {
        return Vec::new();
    };
    let mut year_shown = None;
    dates
        .into_iter()
        .map(|date| {
            let label = match step.label(date) {
                None => date.year().to_string(),
                Some(label) if year_shown == Some(date.year()) => label,
                Some(label) => format!("{label} {}", date.year()),
            };
            year_shown = Some(date.year());
            DateTick { date, label }
        })
        .collect()
}
