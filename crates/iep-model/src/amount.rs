//! Service amounts: `2 x 30 min per week` and the other forms service grids
//! print (case-format.md, `kind: iep`).

use std::fmt;

use serde::{Serialize, Serializer};

/// How often an amount repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    /// Every N weeks (`per week` is `Weeks(1)`; `every other week` is `Weeks(2)`).
    Weeks(u32),
    Month,
    Year,
    /// A rotating schedule of N school days (`6-day cycle`).
    Cycle(u32),
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Day => f.write_str("day"),
            Period::Weeks(1) => f.write_str("week"),
            Period::Weeks(n) => write!(f, "{n} weeks"),
            Period::Month => f.write_str("month"),
            Period::Year => f.write_str("year"),
            Period::Cycle(n) => write!(f, "{n}-day cycle"),
        }
    }
}

/// A committed amount: so many sessions of so many minutes per period.
#[derive(Debug, Clone, Copy)]
pub struct Dose {
    /// Sessions per period; `None`: `minutes` is one total per period.
    pub sessions: Option<u32>,
    /// Minutes per session (or in total); `None`: counted in sessions only.
    pub minutes: Option<f64>,
    pub per: Period,
    /// `for N out of M weeks`: the amount applies N weeks of every M.
    pub scale: Option<(u32, u32)>,
}

impl Dose {
    fn scale_factor(&self) -> f64 {
        self.scale.map_or(1.0, |(n, m)| f64::from(n) / f64::from(m))
    }

    /// Minutes per period, or `None` for a sessions-only amount.
    pub fn minutes_per_period(&self) -> Option<f64> {
        self.minutes.map(|m| f64::from(self.sessions.unwrap_or(1)) * m * self.scale_factor())
    }

    /// Sessions per period (an absent count is one).
    pub fn sessions_per_period(&self) -> f64 {
        f64::from(self.sessions.unwrap_or(1)) * self.scale_factor()
    }

    /// The amount that the period implies for one week, where that makes sense.
    pub fn minutes_per_week(&self) -> Option<f64> {
        match self.per {
            Period::Weeks(n) => self.minutes_per_period().map(|m| m / f64::from(n)),
            Period::Day => self.minutes_per_period().map(|m| m * 5.0),
            Period::Cycle(n) => self.minutes_per_period().map(|m| m * 5.0 / f64::from(n)),
            Period::Month | Period::Year => None,
        }
    }
}

impl PartialEq for Dose {
    /// Compared as parsed: an absent count is 1 (`60 min per week` equals
    /// `1 x 60 min per week`, not `2 x 30 min per week`).
    fn eq(&self, other: &Dose) -> bool {
        self.sessions.unwrap_or(1) == other.sessions.unwrap_or(1)
            && self.minutes == other.minutes
            && self.per == other.per
            && self.scale.unwrap_or((1, 1)) == other.scale.unwrap_or((1, 1))
    }
}

impl fmt::Display for Dose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.sessions, self.minutes) {
            (Some(n), Some(m)) => write!(f, "{n} x {} min", number(m))?,
            (None, Some(m)) => write!(f, "{} min", number(m))?,
            (Some(1) | None, None) => f.write_str("1 session")?,
            (Some(n), None) => write!(f, "{n} sessions")?,
        }
        write!(f, " per {}", self.per)?;
        if let Some((n, m)) = self.scale {
            write!(f, " for {n} out of {m} weeks")?;
        }
        Ok(())
    }
}

/// Formats minutes without a needless `.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e12 { format!("{}", value as i64) } else { format!("{value}") }
}

/// A service's `amount`, as written and as understood.
#[derive(Debug, Clone)]
pub struct Amount {
    /// The text the parent typed (or the mapping, rendered).
    pub text: String,
    /// `None`: `as needed`, an amount with no commitment.
    pub dose: Option<Dose>,
}

impl PartialEq for Amount {
    fn eq(&self, other: &Amount) -> bool {
        self.dose == other.dose
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Amount {
    /// The canonical form (`1 x 30 min per week`), or `as needed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.dose {
            Some(dose) => dose.fmt(f),
            None => f.write_str("as needed"),
        }
    }
}

/// Why an amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub message: String,
    /// Character offset and length of the offending part, within the text.
    pub span: Option<(usize, usize)>,
    pub help: String,
}

const ACCEPTED: &str = "write it like `2 x 30 min per week`, `60 min per week`, `1 x 45 min per month`, \
`3 x 20 min per day`, `30 minutes twice weekly`, `2x30min/6-day cycle` or `as needed`, or as \
`{sessions: 2, minutes: 30, per: week}`";

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Word(String),
    Slash,
    Dash,
    Times,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    len: usize,
}

fn tokenize(text: &str) -> Result<Vec<Token>, AmountError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let raw: String = chars[start..i].iter().collect();
            let value = raw.parse::<f64>().map_err(|_| AmountError {
                message: format!("`{raw}` is not a number"),
                span: Some((start, i - start)),
                help: ACCEPTED.to_owned(),
            })?;
            tokens.push(Token { tok: Tok::Num(value), start, len: i - start });
            continue;
        }
        if c.is_alphabetic() {
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            let tok = if word == "x" { Tok::Times } else { Tok::Word(word) };
            tokens.push(Token { tok, start, len: i - start });
            continue;
        }
        let tok = match c {
            '/' => Tok::Slash,
            '-' | '–' => Tok::Dash,
            '×' | '*' => Tok::Times,
            ',' => {
                return Err(AmountError {
                    message: "an amount cannot hold a comma".to_owned(),
                    span: Some((i, 1)),
                    help: format!(
                        "in a one-line `{{...}}` entry a comma ends the value, so the text after it was cut off; \
                         write the amount without a comma ({ACCEPTED})"
                    ),
                });
            }
            _ => {
                return Err(AmountError {
                    message: format!("`{c}` has no meaning in an amount"),
                    span: Some((i, 1)),
                    help: ACCEPTED.to_owned(),
                });
            }
        };
        tokens.push(Token { tok, start, len: 1 });
        i += 1;
    }
    Ok(tokens)
}

fn number_word(word: &str) -> Option<u32> {
    let n = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        .iter()
        .position(|w| *w == word)?;
    Some(n as u32 + 1)
}

fn is_minutes_word(w: &str) -> bool {
    matches!(w, "min" | "mins" | "minute" | "minutes")
}

fn is_hours_word(w: &str) -> bool {
    matches!(w, "h" | "hr" | "hrs" | "hour" | "hours")
}

fn is_count_word(w: &str) -> bool {
    matches!(w, "time" | "times" | "session" | "sessions")
}

fn adverb_period(w: &str) -> Option<Period> {
    match w {
        "daily" => Some(Period::Day),
        "weekly" => Some(Period::Weeks(1)),
        "monthly" => Some(Period::Month),
        "yearly" | "annually" => Some(Period::Year),
        _ => None,
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    sessions: Option<(u32, usize)>,
    minutes: Option<(f64, usize)>,
    per: Option<Period>,
    scale: Option<(u32, u32)>,
}

impl Parser<'_> {
    fn peek(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + ahead).map(|t| &t.tok)
    }

    fn word(&self, ahead: usize) -> Option<&str> {
        match self.peek(ahead) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn error(&self, message: String, at: usize, count: usize) -> AmountError {
        let first = &self.tokens[at.min(self.tokens.len() - 1)];
        let last = &self.tokens[(at + count.max(1) - 1).min(self.tokens.len() - 1)];
        AmountError { message, span: Some((first.start, last.start + last.len - first.start)), help: ACCEPTED.to_owned() }
    }

    fn set_sessions(&mut self, n: f64, at: usize) -> Result<(), AmountError> {
        if n.fract() != 0.0 || n < 1.0 || n > 1000.0 {
            return Err(self.error(format!("`{n}` is not a whole number of sessions"), at, 1));
        }
        if self.sessions.is_some() {
            return Err(self.error("the number of sessions is given twice".to_owned(), at, 1));
        }
        self.sessions = Some((n as u32, at));
        Ok(())
    }

    fn set_minutes(&mut self, m: f64, at: usize) -> Result<(), AmountError> {
        if !(m > 0.0) || m > 100_000.0 {
            return Err(self.error(format!("`{m}` is not a usable duration"), at, 1));
        }
        if self.minutes.is_some() {
            return Err(self.error("the duration is given twice".to_owned(), at, 1));
        }
        self.minutes = Some((m, at));
        Ok(())
    }

    fn set_period(&mut self, p: Period, at: usize, len: usize) -> Result<(), AmountError> {
        match self.per {
            Some(existing) if existing != p => Err(self.error(
                format!("the amount says both `per {existing}` and `per {p}`"),
                at,
                len,
            )),
            _ => {
                self.per = Some(p);
                Ok(())
            }
        }
    }

    /// A PERIOD after `per`, `/`, `a`, `each` or `every`: returns (period, tokens used).
    fn period_at(&self, ahead: usize) -> Option<(Period, usize)> {
        match (self.peek(ahead), self.peek(ahead + 1), self.peek(ahead + 2), self.peek(ahead + 3)) {
            (Some(Tok::Word(w)), ..) if w == "day" => Some((Period::Day, 1)),
            (Some(Tok::Word(w)), ..) if w == "week" => Some((Period::Weeks(1), 1)),
            (Some(Tok::Word(w)), ..) if w == "month" => Some((Period::Month, 1)),
            (Some(Tok::Word(w)), ..) if w == "year" => Some((Period::Year, 1)),
            (Some(Tok::Word(o)), Some(Tok::Word(w)), ..) if o == "other" && w == "week" => Some((Period::Weeks(2), 2)),
            (Some(Tok::Num(n)), Some(Tok::Word(w)), ..) if matches!(w.as_str(), "weeks" | "week") && whole(*n) => {
                Some((Period::Weeks(*n as u32), 2))
            }
            (Some(Tok::Num(n)), Some(Tok::Dash), Some(Tok::Word(d)), Some(Tok::Word(c)))
                if d == "day" && c == "cycle" && whole(*n) =>
            {
                Some((Period::Cycle(*n as u32), 4))
            }
            (Some(Tok::Num(n)), Some(Tok::Word(d)), Some(Tok::Word(c)), _) if d == "day" && c == "cycle" && whole(*n) => {
                Some((Period::Cycle(*n as u32), 3))
            }
            _ => None,
        }
    }

    fn parse(mut self) -> Result<Dose, AmountError> {
        while self.pos < self.tokens.len() {
            let at = self.pos;
            let tok = self.tokens[at].tok.clone();
            match tok {
                Tok::Num(n) => self.number(n, at)?,
                Tok::Word(w) => self.word_token(&w, at)?,
                Tok::Slash => {
                    let Some((p, used)) = self.period_at(1) else {
                        return Err(self.error("`/` must be followed by a period such as `week`".to_owned(), at, 1));
                    };
                    self.set_period(p, at, used + 1)?;
                    self.pos += used + 1;
                }
                Tok::Dash | Tok::Times => {
                    return Err(self.error("this sign must stand right after a number".to_owned(), at, 1));
                }
            }
        }
        let Some(per) = self.per else {
            return Err(AmountError {
                message: "the amount does not say how often (per day, week, month or year)".to_owned(),
                span: None,
                help: ACCEPTED.to_owned(),
            });
        };
        if self.sessions.is_none() && self.minutes.is_none() {
            return Err(AmountError {
                message: "the amount gives no number of sessions or minutes".to_owned(),
                span: None,
                help: ACCEPTED.to_owned(),
            });
        }
        if self.scale.is_some() && !matches!(per, Period::Weeks(1)) {
            return Err(AmountError {
                message: "`for N out of M weeks` applies only to a weekly amount".to_owned(),
                span: None,
                help: ACCEPTED.to_owned(),
            });
        }
        Ok(Dose { sessions: self.sessions.map(|s| s.0), minutes: self.minutes.map(|m| m.0), per, scale: self.scale })
    }

    fn number(&mut self, n: f64, at: usize) -> Result<(), AmountError> {
        // A range commits to its lower bound: skip `- upper`.
        let mut next = 1;
        if self.peek(1) == Some(&Tok::Dash) && matches!(self.peek(2), Some(Tok::Num(_))) {
            next = 3;
        }
        match self.peek(next) {
            Some(Tok::Times) => {
                self.set_sessions(n, at)?;
                self.pos += next + 1;
            }
            Some(Tok::Word(w)) if is_count_word(w) => {
                self.set_sessions(n, at)?;
                self.pos += next + 1;
            }
            Some(Tok::Word(w)) if is_minutes_word(w) => {
                self.set_minutes(n, at)?;
                self.pos += next + 1;
            }
            Some(Tok::Word(w)) if is_hours_word(w) => {
                self.set_minutes(n * 60.0, at)?;
                self.pos += next + 1;
            }
            Some(Tok::Slash) => {
                self.set_sessions(n, at)?;
                self.pos += next;
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "per" | "a" | "each" | "every") || adverb_period(w).is_some() => {
                self.set_sessions(n, at)?;
                self.pos += next;
            }
            _ => {
                return Err(self.error(
                    format!("`{}` needs a unit: `x` or `times` for sessions, `min` or `hours` for a duration", number(n)),
                    at,
                    next,
                ));
            }
        }
        Ok(())
    }

    fn word_token(&mut self, w: &str, at: usize) -> Result<(), AmountError> {
        if let Some(p) = adverb_period(w) {
            self.set_period(p, at, 1)?;
            self.pos += 1;
            return Ok(());
        }
        match w {
            "once" => {
                self.set_sessions(1.0, at)?;
                self.pos += 1;
            }
            "twice" => {
                self.set_sessions(2.0, at)?;
                self.pos += 1;
            }
            "per" | "a" | "each" | "every" => {
                if let Some((p, used)) = self.period_at(1) {
                    self.set_period(p, at, used + 1)?;
                    self.pos += used + 1;
                } else if w == "per" && matches!(self.word(1), Some("session" | "sessions")) {
                    self.pos += 2;
                } else if w == "each" {
                    self.pos += 1;
                } else {
                    return Err(self.error(format!("`{w}` must be followed by a period such as `week`"), at, 1));
                }
            }
            "for" if matches!(self.peek(1), Some(Tok::Num(_))) && self.word(2) == Some("out") => {
                let (Some(Tok::Num(n)), Some("of"), Some(Tok::Num(m)), Some("weeks" | "week")) =
                    (self.peek(1), self.word(3), self.peek(4), self.word(5))
                else {
                    return Err(self.error("write the schedule as `for 3 out of 4 weeks`".to_owned(), at, 3));
                };
                let (n, m) = (*n, *m);
                if !whole(n) || !whole(m) || n < 1.0 || m < n {
                    return Err(self.error("`for N out of M weeks` needs whole numbers, N at most M".to_owned(), at, 6));
                }
                self.scale = Some((n as u32, m as u32));
                self.pos += 6;
            }
            "for" | "of" | "session" | "sessions" => self.pos += 1,
            _ if number_word(w).is_some() && self.word(1).is_some_and(is_count_word) => {
                self.set_sessions(f64::from(number_word(w).unwrap_or(1)), at)?;
                self.pos += 2;
            }
            _ => return Err(self.unknown_word(w, at)),
        }
        Ok(())
    }

    fn unknown_word(&self, w: &str, at: usize) -> AmountError {
        let place = ["in", "classroom", "class", "room", "office", "pull", "push", "out", "group", "individual"];
        let mut e = self.error(format!("`{w}` is not part of an amount"), at, 1);
        if place.contains(&w) {
            e.help = "the place or grouping goes in `setting:` or `group:`, what is done in `service:`; \
                      keep the amount to sessions, minutes and period (`2 x 30 min per week`)"
                .to_owned();
        } else {
            e.help = format!(
                "the amount holds only sessions, minutes and a period; what is done goes in `service:` and where in `setting:`. {}",
                capitalise(ACCEPTED)
            );
        }
        e
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn whole(n: f64) -> bool {
    n.fract() == 0.0 && n >= 1.0 && n <= 10_000.0
}

impl Amount {
    /// Reads the short form (`2 x 30 min per week`), case-insensitively.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let lower = text.trim().to_lowercase();
        if lower.is_empty() {
            return Err(AmountError { message: "the amount is empty".to_owned(), span: None, help: ACCEPTED.to_owned() });
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        if words.ends_with(&["as", "needed"]) && words.len() <= 3 && (words.len() == 2 || words[0] == "consult") {
            return Ok(Amount { text: text.trim().to_owned(), dose: None });
        }
        let tokens = tokenize(text.trim())?;
        let parser = Parser { tokens: &tokens, pos: 0, sessions: None, minutes: None, per: None, scale: None };
        let dose = parser.parse()?;
        Ok(Amount { text: text.trim().to_owned(), dose: Some(dose) })
    }

    /// Reads the mapping form `{sessions: 2, minutes: 30, per: week}`.
    pub fn from_parts(sessions: Option<u32>, minutes: Option<f64>, per: &str) -> Result<Amount, AmountError> {
        let per_text = per.trim().to_lowercase();
        let per = if let Some(p) = adverb_period(&per_text) {
            p
        } else {
            let tokens = tokenize(&per_text)?;
            let parser = Parser { tokens: &tokens, pos: 0, sessions: None, minutes: None, per: None, scale: None };
            match parser.period_at(0) {
                Some((p, used)) if used == tokens.len() => p,
                _ => {
                    return Err(AmountError {
                        message: format!("`{per}` is not a period"),
                        span: None,
                        help: "`per:` is one of `day`, `week`, `2 weeks`, `month`, `year` or `6-day cycle`".to_owned(),
                    });
                }
            }
        };
        if sessions == Some(0) {
            return Err(AmountError {
                message: "`sessions: 0` commits to nothing".to_owned(),
                span: None,
                help: "leave the service out, or write `as needed` if that is what the plan says".to_owned(),
            });
        }
        if let Some(m) = minutes {
            if !(m > 0.0) || m > 100_000.0 {
                return Err(AmountError {
                    message: format!("`minutes: {m}` is not a usable duration"),
                    span: None,
                    help: "minutes are a whole number above zero".to_owned(),
                });
            }
        }
        let dose = Dose { sessions, minutes, per, scale: None };
        if sessions.is_none() && minutes.is_none() {
            return Err(AmountError {
                message: "the amount gives neither `sessions` nor `minutes`".to_owned(),
                span: None,
                help: ACCEPTED.to_owned(),
            });
        }
        Ok(Amount { text: dose.to_string(), dose: Some(dose) })
    }

    pub fn is_as_needed(&self) -> bool {
        self.dose.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> String {
        Amount::parse(text).map(|a| a.to_string()).unwrap_or_else(|e| format!("error: {}", e.message))
    }

    #[test]
    fn accepts_every_form_of_the_spec() {
        let cases = [
            ("2 x 30 min per week", "2 x 30 min per week"),
            ("30 minutes two times per week", "2 x 30 min per week"),
            ("3 sessions weekly for 20 minutes each", "3 x 20 min per week"),
            ("15 minutes once monthly", "1 x 15 min per month"),
            (
                "Twice weekly for 30 minutes each session for 3 out of 4 weeks",
                "2 x 30 min per week for 3 out of 4 weeks",
            ),
            ("1.5 hours / week", "90 min per week"),
            ("2x30min/6-day cycle", "2 x 30 min per 6-day cycle"),
            ("2 x 30 min per 6 day cycle", "2 x 30 min per 6-day cycle"),
            ("1/week", "1 session per week"),
            ("3 x 15 min per year", "3 x 15 min per year"),
            ("60 min per week", "60 min per week"),
            ("1 x 45 min per month", "1 x 45 min per month"),
            ("3 x 20 min per day", "3 x 20 min per day"),
            ("30 minutes once weekly", "1 x 30 min per week"),
            ("once weekly for 30 minutes per week", "1 x 30 min per week"),
            ("2-3 x 30 min per week", "2 x 30 min per week"),
            ("30-45 min per week", "30 min per week"),
            ("one session per week", "1 session per week"),
            ("three times per week", "3 sessions per week"),
            ("3 per year", "3 sessions per year"),
            ("2 × 30 min per week", "2 x 30 min per week"),
            ("30 min every other week", "30 min per 2 weeks"),
            ("2 hrs a month", "120 min per month"),
            ("45 min daily", "45 min per day"),
            ("1 hour annually", "60 min per year"),
            ("20 min each week", "20 min per week"),
        ];
        for (text, want) in cases {
            assert_eq!(canon(text), want, "{text}");
        }
    }

    #[test]
    fn as_needed_commits_to_nothing() {
        assert!(Amount::parse("as needed").unwrap().is_as_needed());
        assert!(Amount::parse("Consult as needed").unwrap().is_as_needed());
    }

    #[test]
    fn rejects_what_no_form_expresses() {
        let e = Amount::parse("45 minutes, twice weekly").unwrap_err();
        assert!(e.message.contains("comma"), "{e:?}");
        let e = Amount::parse("30 min per week in classroom").unwrap_err();
        assert!(e.message.contains("`in`"), "{e:?}");
        assert!(e.help.contains("setting"), "{e:?}");
        assert_eq!(e.span, Some((16, 2)));
        assert!(Amount::parse("once weekly per month").is_err());
        assert!(Amount::parse("30 min").is_err());
        assert!(Amount::parse("per week").is_err());
        assert!(Amount::parse("the first 3 weeks of each month").is_err());
        assert!(Amount::parse("").is_err());
    }

    #[test]
    fn amounts_compare_as_parsed() {
        let a = Amount::parse("60 min per week").unwrap();
        let b = Amount::parse("1 x 60 min per week").unwrap();
        let c = Amount::parse("2 x 30 min per week").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn mapping_form_names_the_period_the_same_way() {
        assert_eq!(Amount::from_parts(Some(1), Some(30.0), "week").unwrap().to_string(), "1 x 30 min per week");
        assert_eq!(Amount::from_parts(Some(2), Some(30.0), "6-day cycle").unwrap().to_string(), "2 x 30 min per 6-day cycle");
        assert_eq!(Amount::from_parts(Some(3), None, "year").unwrap().to_string(), "3 sessions per year");
        assert!(Amount::from_parts(Some(1), Some(30.0), "fortnight").is_err());
    }

    #[test]
    fn minutes_per_week_follow_the_period() {
        let d = Amount::parse("2 x 30 min per week").unwrap().dose.unwrap();
        assert_eq!(d.minutes_per_week(), Some(60.0));
        let d = Amount::parse("Twice weekly for 30 minutes each session for 3 out of 4 weeks").unwrap().dose.unwrap();
        assert_eq!(d.minutes_per_week(), Some(45.0));
    }
}
