//! The short form's grammar (case-format.md 1.1): up to three parts in any
//! order (a count, a duration, a period), filler words between them, and an
//! optional whole-week schedule.

use super::{Amount, AmountError, Dose, Period, ReadRange, Schedule, TermKind};

pub(super) const ACCEPTED: &str = "write it like `2 x 30 min per week`, `60 min per week`, `3 x 20 min per day`, \
`30 minutes twice weekly`, `1 x 45 min per month`, `3 sessions per quarter`, `2x30min/6-day cycle`, `1/week`, \
`2 x 30 min per week for 3 out of 4 weeks` or `as needed`, or as `{sessions: 2, minutes: 30, per: week}`";

const PERIODS: &str = "`per:` is one of `day`, `week`, `2 weeks`, `month`, `quarter`, `trimester`, `semester`, \
`year` or `6-day cycle`";

/// Counts and durations above these are typing mistakes, not plans.
const MAX_SESSIONS: f64 = 1000.0;
const MAX_MINUTES: f64 = 100_000.0;
const MAX_PERIOD: f64 = 366.0;
/// The minutes of one day: no session, and no day's amount, is longer.
const MINUTES_PER_DAY: u32 = 1440;

/// A session, or a day's amount, longer than a day.
fn over_a_day(sessions: Option<u32>, minutes: Option<u32>, daily: bool) -> Option<AmountError> {
    let minutes = minutes?;
    let per_day = daily.then(|| sessions.unwrap_or(1).saturating_mul(minutes));
    let message = if sessions.is_some() && minutes > MINUTES_PER_DAY {
        format!("a session of {minutes} minutes is longer than a day ({MINUTES_PER_DAY} minutes)")
    } else if let Some(total) = per_day.filter(|t| *t > MINUTES_PER_DAY) {
        format!("{total} minutes per day is more than a day holds ({MINUTES_PER_DAY} minutes)")
    } else {
        return None;
    };
    Some(AmountError {
        message,
        span: None,
        help: format!("check the number on the IEP page: a typing slip is likely; {ACCEPTED}"),
    })
}

fn error(message: String, span: Option<(usize, usize)>) -> AmountError {
    AmountError { message, span, help: ACCEPTED.to_owned() }
}

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

/// What stops the tokenizer: a remark in parentheses (its character range), or another error.
enum Stop {
    Remark(usize, usize),
    Error(AmountError),
}

fn tokenize(chars: &[char]) -> Result<Vec<Token>, Stop> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        // Commas separate like spaces (case-format.md 1.1).
        if c.is_whitespace() || c == ',' {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let raw: String = chars[start..i].iter().collect();
            let value = raw
                .parse::<f64>()
                .map_err(|_| Stop::Error(error(format!("`{raw}` is not a number"), Some((start, i - start)))))?;
            tokens.push(Token { tok: Tok::Num(value), start, len: i - start });
            continue;
        }
        if c.is_alphabetic() {
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let mut word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            // `time(s)`, `session(s)`: the grid's way of saying either.
            if chars.get(i..i + 3).is_some_and(|s| s[0] == '(' && s[1].eq_ignore_ascii_case(&'s') && s[2] == ')') {
                word.push('s');
                i += 3;
            }
            let tok = if word == "x" { Tok::Times } else { Tok::Word(word) };
            tokens.push(Token { tok, start, len: i - start });
            continue;
        }
        let tok = match c {
            '/' => Tok::Slash,
            '-' | '–' | '—' => Tok::Dash,
            '×' | '*' => Tok::Times,
            '(' => {
                let end = chars[i..].iter().position(|&d| d == ')').map_or(chars.len(), |p| i + p + 1);
                return Err(Stop::Remark(i, end));
            }
            _ => {
                return Err(Stop::Error(error(format!("`{c}` has no meaning in an amount"), Some((i, 1)))));
            }
        };
        tokens.push(Token { tok, start, len: 1 });
        i += 1;
    }
    Ok(tokens)
}

pub(super) fn parse_text(text: &str) -> Result<Amount, AmountError> {
    parse_with(text, true)
}

/// `explain_remark`: on a remark, say what the rest reads as. The rest is
/// read once, without that (never recursively: 3,000 `()` pairs must not
/// overflow the stack).
fn parse_with(text: &str, explain_remark: bool) -> Result<Amount, AmountError> {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    if lower.is_empty() {
        return Err(error("the amount is empty".to_owned(), None));
    }
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words == ["as", "needed"] || words == ["consult", "as", "needed"] {
        return Ok(Amount::as_needed(trimmed));
    }
    let chars: Vec<char> = trimmed.chars().collect();
    let tokens = match tokenize(&chars) {
        Ok(tokens) => tokens,
        Err(Stop::Error(e)) => return Err(e),
        Err(Stop::Remark(start, end)) if explain_remark => return Err(remark_error(&chars, start, end)),
        Err(Stop::Remark(start, end)) => {
            return Err(error(
                "a remark in parentheses is not part of an amount".to_owned(),
                Some((start, end - start)),
            ));
        }
    };
    let (dose, ranges) = Parser::new(&tokens).parse()?;
    Ok(Amount { text: trimmed.to_owned(), dose: Some(dose), ranges })
}

/// A remark in parentheses belongs in the service's `notes`.
fn remark_error(chars: &[char], start: usize, end: usize) -> AmountError {
    let remark: String = chars[start..end].iter().collect();
    let rest: String = chars[..start].iter().chain(&chars[end..]).collect();
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let inner = remark.trim_start_matches('(').trim_end_matches(')').trim();
    let mut help = format!("a remark goes in the service's `notes:` (`notes: {inner}`)");
    match parse_with(&rest, false) {
        Ok(amount) if !rest.is_empty() => {
            help.push_str(&format!("; the amount is then `{rest}`, which reads as {amount}"))
        }
        _ => help.push_str(&format!("; keep the amount to sessions, minutes and a period: {ACCEPTED}")),
    }
    AmountError {
        message: format!("`{remark}` is a remark, not part of the amount"),
        span: Some((start, end - start)),
        help,
    }
}

pub(super) fn from_parts(sessions: Option<u32>, minutes: Option<f64>, per: &str) -> Result<Amount, AmountError> {
    let period_error =
        || AmountError { message: format!("`{}` is not a period", per.trim()), span: None, help: PERIODS.to_owned() };
    let chars: Vec<char> = per.trim().chars().collect();
    let tokens = tokenize(&chars).map_err(|_| period_error())?;
    let parser = Parser::new(&tokens);
    let per = match (parser.period_at(0), tokens.as_slice()) {
        (Some((p, used)), _) if used == tokens.len() => p,
        (_, [Token { tok: Tok::Word(w), .. }]) => adverb_period(w).ok_or_else(period_error)?,
        _ => return Err(period_error()),
    };
    if sessions == Some(0) {
        return Err(AmountError {
            message: "`sessions: 0` commits to nothing".to_owned(),
            span: None,
            help: "leave the service out, or write `as needed` if that is what the plan says".to_owned(),
        });
    }
    if sessions.is_some_and(|n| f64::from(n) > MAX_SESSIONS) {
        return Err(AmountError {
            message: format!("`sessions: {}` is more sessions than a plan can mean", sessions.unwrap_or(0)),
            span: None,
            help: format!("sessions are a whole number from 1 to {MAX_SESSIONS}"),
        });
    }
    let minutes = match minutes {
        Some(m) if (1.0..=MAX_MINUTES).contains(&m) && m.fract() == 0.0 => Some(m as u32),
        Some(m) => {
            return Err(AmountError {
                message: format!("`minutes: {m}` is not a whole number of minutes"),
                span: None,
                help: format!("minutes are a whole number from 1 to {MAX_MINUTES}"),
            });
        }
        None => None,
    };
    if sessions.is_none() && minutes.is_none() {
        return Err(AmountError {
            message: "the amount gives neither `sessions` nor `minutes`".to_owned(),
            span: None,
            help: ACCEPTED.to_owned(),
        });
    }
    if let Some(e) = over_a_day(sessions, minutes, per == Period::Day) {
        return Err(e);
    }
    let dose = Dose { sessions, minutes, per, schedule: None };
    Ok(Amount { text: dose.to_string(), dose: Some(dose), ranges: Vec::new() })
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    WORDS.iter().position(|w| *w == word).map(|n| n as u32 + 1)
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

fn is_filler(w: &str) -> bool {
    matches!(w, "for" | "each" | "at" | "session" | "sessions" | "of" | "and")
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

fn whole(n: f64, max: f64) -> bool {
    n.fract() == 0.0 && n >= 1.0 && n <= max
}

/// A number as written: digits, or a number word up to twelve.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    value: f64,
    /// The upper bound of a range (`2-3`).
    upper: Option<f64>,
    /// Tokens used.
    used: usize,
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    sessions: Option<u32>,
    minutes: Option<u32>,
    per: Option<Period>,
    /// `N days per week`: a daily count on N days.
    days: Option<u32>,
    schedule: Option<Schedule>,
    ranges: Vec<ReadRange>,
}

impl<'t> Parser<'t> {
    fn new(tokens: &'t [Token]) -> Parser<'t> {
        Parser {
            tokens,
            pos: 0,
            sessions: None,
            minutes: None,
            per: None,
            days: None,
            schedule: None,
            ranges: Vec::new(),
        }
    }

    fn peek(&self, at: usize) -> Option<&Tok> {
        self.tokens.get(at).map(|t| &t.tok)
    }

    fn word(&self, at: usize) -> Option<&str> {
        match self.peek(at) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// The characters of tokens `at..at + count`.
    fn span(&self, at: usize, count: usize) -> Option<(usize, usize)> {
        let last = self.tokens.len().checked_sub(1)?;
        let first = &self.tokens[at.min(last)];
        let end = &self.tokens[(at + count.max(1) - 1).min(last)];
        Some((first.start, end.start + end.len - first.start))
    }

    fn error(&self, message: String, at: usize, count: usize) -> AmountError {
        error(message, self.span(at, count))
    }

    /// A number at `at`, with a range's upper bound (`2-3`, digits only).
    fn quantity(&self, at: usize) -> Option<Quantity> {
        match self.peek(at)? {
            Tok::Num(n) => match (self.peek(at + 1), self.peek(at + 2)) {
                (Some(Tok::Dash), Some(Tok::Num(m))) => Some(Quantity { value: *n, upper: Some(*m), used: 3 }),
                _ => Some(Quantity { value: *n, upper: None, used: 1 }),
            },
            Tok::Word(w) => number_word(w).map(|n| Quantity { value: f64::from(n), upper: None, used: 1 }),
            _ => None,
        }
    }

    /// A duration at `at` (`30 min`, `1.5 hours`, `25-minute`): (quantity, minutes factor, tokens used).
    fn duration_at(&self, at: usize) -> Option<(Quantity, f64, usize)> {
        let q = self.quantity(at)?;
        let mut unit = at + q.used;
        if self.peek(unit) == Some(&Tok::Dash) {
            unit += 1;
        }
        let factor = match self.word(unit)? {
            w if is_minutes_word(w) => 1.0,
            w if is_hours_word(w) => 60.0,
            _ => return None,
        };
        Some((q, factor, unit + 1 - at))
    }

    /// A PERIOD at `at`: (period, tokens used).
    fn period_at(&self, at: usize) -> Option<(Period, usize)> {
        let simple = match self.word(at) {
            Some("day") => Some(Period::Day),
            Some("week") => Some(Period::Weeks(1)),
            Some("month") => Some(Period::Month),
            Some("quarter") => Some(Period::Term(TermKind::Quarter)),
            Some("trimester") => Some(Period::Term(TermKind::Trimester)),
            Some("semester") => Some(Period::Term(TermKind::Semester)),
            Some("year") => Some(Period::Year),
            _ => None,
        };
        if let Some(p) = simple {
            return Some((p, 1));
        }
        if self.word(at) == Some("school") && self.word(at + 1) == Some("year") {
            return Some((Period::Year, 2));
        }
        if self.word(at) == Some("other") && self.word(at + 1) == Some("week") {
            return Some((Period::Weeks(2), 2));
        }
        let q = self.quantity(at).filter(|q| q.upper.is_none() && whole(q.value, MAX_PERIOD))?;
        let n = q.value as u32;
        let next = at + q.used;
        match (self.peek(next), self.word(next + 1), self.word(next + 2)) {
            (Some(Tok::Word(w)), ..) if w == "weeks" || w == "week" => Some((Period::Weeks(n), q.used + 1)),
            (Some(Tok::Dash), Some("day"), Some("cycle")) => Some((Period::Cycle(n), q.used + 3)),
            (Some(Tok::Word(d)), Some("cycle"), _) if d == "day" => Some((Period::Cycle(n), q.used + 2)),
            _ => None,
        }
    }

    /// Whether a period starts at `at` (`/week`, `per month`, `weekly`).
    fn period_follows(&self, at: usize) -> bool {
        match self.peek(at) {
            Some(Tok::Slash) => self.period_at(at + 1).is_some(),
            Some(Tok::Word(w)) if matches!(w.as_str(), "per" | "a" | "each" | "every") => {
                self.period_at(at + 1).is_some()
            }
            Some(Tok::Word(w)) => adverb_period(w).is_some(),
            _ => false,
        }
    }

    fn note_range(&mut self, q: Quantity, at: usize) -> Result<(), AmountError> {
        let Some(upper) = q.upper else { return Ok(()) };
        if upper < q.value {
            return Err(self.error(
                format!("the range `{}-{}` runs backwards", number(q.value), number(upper)),
                at,
                q.used,
            ));
        }
        let span = self.span(at, q.used).unwrap_or((0, 0));
        self.ranges.push(ReadRange { span, written: format!("{}-{}", number(q.value), number(upper)) });
        Ok(())
    }

    fn set_sessions(&mut self, q: Quantity, at: usize) -> Result<(), AmountError> {
        if let Some(bad) = [Some(q.value), q.upper].into_iter().flatten().find(|n| !whole(*n, MAX_SESSIONS)) {
            return Err(self.error(format!("`{}` is not a whole number of sessions", number(bad)), at, q.used));
        }
        if self.sessions.is_some() {
            return Err(self.error("the number of sessions is given twice".to_owned(), at, q.used));
        }
        self.note_range(q, at)?;
        self.sessions = Some(q.value as u32);
        Ok(())
    }

    fn set_minutes(&mut self, q: Quantity, factor: f64, at: usize, used: usize) -> Result<(), AmountError> {
        let minutes = q.value * factor;
        // NaN cannot come from digits, but is refused all the same.
        if minutes.is_nan() || minutes <= 0.0 || minutes > MAX_MINUTES {
            return Err(self.error(format!("`{}` is not a usable duration", number(q.value)), at, used));
        }
        // 0.01 hours is 0.6 minutes: compare with a tolerance for the float product.
        let rounded = minutes.round();
        if (minutes - rounded).abs() > 1e-6 || rounded < 1.0 {
            return Err(AmountError {
                help: format!("service minutes are whole minutes (`90 min`, `1.5 hours`); {ACCEPTED}"),
                ..self.error(format!("`{}` is not a whole number of minutes", number(minutes)), at, used)
            });
        }
        if self.minutes.is_some() {
            return Err(self.error("the duration is given twice".to_owned(), at, used));
        }
        if let Some(upper) = q.upper.map(|u| u * factor)
            && (upper - upper.round()).abs() > 1e-6
        {
            return Err(self.error(format!("`{}` is not a whole number of minutes", number(upper)), at, used));
        }
        self.note_range(q, at)?;
        self.minutes = Some(rounded as u32);
        Ok(())
    }

    fn set_period(&mut self, p: Period, at: usize, used: usize) -> Result<(), AmountError> {
        match self.per {
            Some(existing) if existing != p => {
                Err(self.error(format!("the amount says both `per {existing}` and `per {p}`"), at, used))
            }
            _ => {
                self.per = Some(p);
                Ok(())
            }
        }
    }

    fn set_schedule(&mut self, schedule: Schedule, at: usize, used: usize) -> Result<(), AmountError> {
        if self.schedule.is_some() {
            return Err(self.error("the schedule of weeks is given twice".to_owned(), at, used));
        }
        self.schedule = Some(schedule);
        Ok(())
    }

    fn parse(mut self) -> Result<(Dose, Vec<ReadRange>), AmountError> {
        while self.pos < self.tokens.len() {
            let at = self.pos;
            match self.tokens[at].tok.clone() {
                Tok::Num(_) => self.number(at)?,
                Tok::Word(w) if number_word(&w).is_some() => self.number(at)?,
                Tok::Word(w) => self.word_token(&w, at)?,
                Tok::Slash => {
                    let Some((p, used)) = self.period_at(at + 1) else {
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
        self.finish()
    }

    fn finish(self) -> Result<(Dose, Vec<ReadRange>), AmountError> {
        let daily = self.days.is_some() || self.per == Some(Period::Day);
        if let Some(e) = over_a_day(self.sessions, self.minutes, daily) {
            return Err(e);
        }
        let (sessions, per) = match (self.days, self.per) {
            (Some(days), None | Some(Period::Day)) => {
                let total = self.sessions.unwrap_or(1).saturating_mul(days);
                if f64::from(total) > MAX_SESSIONS {
                    return Err(error(format!("{total} sessions a week is more than a plan can mean"), None));
                }
                (Some(total), Period::Weeks(1))
            }
            (Some(days), Some(other)) => {
                return Err(error(
                    format!("`{days} days per week` makes the amount weekly, but it also says `per {other}`"),
                    None,
                ));
            }
            (None, Some(per)) => (self.sessions, per),
            (None, None) => {
                return Err(error(
                    "the amount does not say how often (per day, week, month, quarter, trimester, semester or year)"
                        .to_owned(),
                    None,
                ));
            }
        };
        if sessions.is_none() && self.minutes.is_none() {
            return Err(error("the amount gives no number of sessions or minutes".to_owned(), None));
        }
        if let Some(schedule) = self.schedule
            && per != Period::Weeks(1)
        {
            return Err(error(format!("`{schedule}` applies only to a weekly amount, not one per {per}"), None));
        }
        Ok((Dose { sessions, minutes: self.minutes, per, schedule: self.schedule }, self.ranges))
    }

    /// A number (or number word) and what it counts.
    fn number(&mut self, at: usize) -> Result<(), AmountError> {
        let Some(q) = self.quantity(at) else { return Err(self.error("a number was expected".to_owned(), at, 1)) };
        let next = at + q.used;
        if let Some((q, factor, used)) = self.duration_at(at) {
            self.set_minutes(q, factor, at, used)?;
            self.pos = at + used;
            return Ok(());
        }
        match (self.peek(next), self.word(next)) {
            (Some(Tok::Times), _) => {
                self.set_sessions(q, at)?;
                self.pos = next + 1;
            }
            (_, Some(w)) if is_count_word(w) => {
                self.set_sessions(q, at)?;
                self.pos = next + 1;
            }
            (_, Some("out")) => self.out_of(q, at)?,
            (_, Some("day" | "days")) if self.days_per_week_follows(next + 1) => {
                if !whole(q.value, 7.0) || q.upper.is_some_and(|u| !whole(u, 7.0)) {
                    return Err(self.error(
                        format!("`{}` is not a number of days in a week", number(q.value)),
                        at,
                        q.used,
                    ));
                }
                if self.days.is_some() {
                    return Err(self.error("the days per week are given twice".to_owned(), at, q.used + 3));
                }
                self.note_range(q, at)?;
                self.days = Some(q.value as u32);
                self.pos = next + 1 + self.days_per_week_follows_len(next + 1);
            }
            // A count before a duration: `three 25 minute sessions`, `3 25-minute sessions`.
            _ if self.duration_at(next).is_some() => {
                self.set_sessions(q, at)?;
                self.pos = next;
            }
            // A bare number right before the period: `1/week`, `3 per year`.
            _ if self.period_follows(next) => {
                self.set_sessions(q, at)?;
                self.pos = next;
            }
            _ => {
                return Err(self.error(
                    format!(
                        "`{}` needs a unit: `x` or `times` for sessions, `min` or `hours` for a duration",
                        self.text_of(at, q.used)
                    ),
                    at,
                    q.used,
                ));
            }
        }
        Ok(())
    }

    /// The tokens' text as a person reads it (`2-3`, `three`).
    fn text_of(&self, at: usize, used: usize) -> String {
        (at..at + used)
            .filter_map(|i| self.peek(i))
            .map(|t| match t {
                Tok::Num(n) => number(*n),
                Tok::Word(w) => w.clone(),
                Tok::Slash => "/".to_owned(),
                Tok::Dash => "-".to_owned(),
                Tok::Times => "x".to_owned(),
            })
            .collect()
    }

    /// `per week`, `a week`, `/week`, `each week` after `N days`.
    fn days_per_week_follows(&self, at: usize) -> bool {
        self.days_per_week_follows_len(at) > 0
    }

    fn days_per_week_follows_len(&self, at: usize) -> usize {
        let joined =
            matches!(self.peek(at), Some(Tok::Slash)) || matches!(self.word(at), Some("per" | "a" | "each" | "every"));
        if joined && self.word(at + 1) == Some("week") { 2 } else { 0 }
    }

    /// `N out of M weeks` (after the filler `for`).
    fn out_of(&mut self, q: Quantity, at: usize) -> Result<(), AmountError> {
        let next = at + q.used;
        let of = self.quantity(next + 2).filter(|m| m.upper.is_none());
        let (Some("of"), Some(m)) = (self.word(next + 1), of) else {
            return Err(self.error("write the schedule as `for 3 out of 4 weeks`".to_owned(), at, q.used + 2));
        };
        let end = next + 2 + m.used;
        if !matches!(self.word(end), Some("weeks" | "week")) {
            return Err(self.error("write the schedule as `for 3 out of 4 weeks`".to_owned(), at, end - at));
        }
        let used = end + 1 - at;
        if q.upper.is_some() || !whole(q.value, MAX_PERIOD) || !whole(m.value, MAX_PERIOD) || m.value < q.value {
            return Err(self.error("`for N out of M weeks` needs whole numbers, N at most M".to_owned(), at, used));
        }
        self.set_schedule(Schedule::OutOf { weeks: q.value as u32, of: m.value as u32 }, at, used)?;
        self.pos = at + used;
        Ok(())
    }

    /// `the first N weeks of each month` (after the filler `for`).
    fn first_weeks(&mut self, at: usize) -> Result<(), AmountError> {
        let shape = "write the schedule as `for the first 2 weeks of each month`";
        let mut i = at;
        if self.word(i) == Some("the") {
            i += 1;
        }
        if self.word(i) != Some("first") {
            return Err(self.error(shape.to_owned(), at, i + 1 - at));
        }
        i += 1;
        let weeks = match self.quantity(i) {
            Some(q)
                if q.upper.is_none()
                    && whole(q.value, 5.0)
                    && matches!(self.word(i + q.used), Some("weeks" | "week")) =>
            {
                i += q.used + 1;
                q.value as u32
            }
            // `the first week of each month`.
            _ if self.word(i) == Some("week") => {
                i += 1;
                1
            }
            _ => return Err(self.error(format!("{shape} (N from 1 to 5)"), at, i + 1 - at)),
        };
        if !(self.word(i) == Some("of")
            && matches!(self.word(i + 1), Some("each" | "every" | "the"))
            && self.word(i + 2) == Some("month"))
        {
            return Err(self.error(shape.to_owned(), at, i + 1 - at));
        }
        i += 3;
        self.set_schedule(Schedule::FirstOfMonth { weeks }, at, i - at)?;
        self.pos = i;
        Ok(())
    }

    fn word_token(&mut self, w: &str, at: usize) -> Result<(), AmountError> {
        if let Some(p) = adverb_period(w) {
            self.set_period(p, at, 1)?;
            self.pos += 1;
            return Ok(());
        }
        let one = |value: f64| Quantity { value, upper: None, used: 1 };
        match w {
            "once" => {
                self.set_sessions(one(1.0), at)?;
                self.pos += 1;
            }
            "twice" => {
                self.set_sessions(one(2.0), at)?;
                self.pos += 1;
            }
            "per" | "a" | "each" | "every" => {
                if let Some((p, used)) = self.period_at(at + 1) {
                    self.set_period(p, at, used + 1)?;
                    self.pos += used + 1;
                } else if w == "per" && matches!(self.word(at + 1), Some("session" | "sessions")) {
                    self.pos += 2;
                } else if w == "each" {
                    self.pos += 1;
                } else {
                    return Err(self.error(format!("`{w}` must be followed by a period such as `week`"), at, 1));
                }
            }
            "the" | "first" => self.first_weeks(at)?,
            _ if is_filler(w) => self.pos += 1,
            _ => return Err(unknown_word(w, self.span(at, 1))),
        }
        Ok(())
    }
}

/// Where a word the grammar does not know belongs.
fn unknown_word(w: &str, span: Option<(usize, usize)>) -> AmountError {
    const PLACE: [&str; 31] = [
        "in",
        "inside",
        "outside",
        "classroom",
        "class",
        "room",
        "office",
        "pull",
        "push",
        "out",
        "general",
        "gen",
        "ed",
        "education",
        "resource",
        "setting",
        "separate",
        "school",
        "home",
        "building",
        "library",
        "clinic",
        "inclusion",
        "inclusive",
        "co",
        "taught",
        "cotaught",
        "self",
        "contained",
        "virtual",
        "remote",
    ];
    const GROUP: [&str; 8] = ["group", "groups", "individual", "individually", "small", "large", "whole", "pair"];
    const SERVICE: [&str; 32] = [
        "speech",
        "language",
        "therapy",
        "ot",
        "pt",
        "occupational",
        "physical",
        "counseling",
        "counselling",
        "consult",
        "consultation",
        "instruction",
        "specialized",
        "special",
        "reading",
        "math",
        "writing",
        "social",
        "skills",
        "support",
        "service",
        "services",
        "direct",
        "indirect",
        "aide",
        "paraprofessional",
        "behavior",
        "behaviour",
        "academic",
        "literacy",
        "tutoring",
        "slp",
    ];
    let keep = format!("keep the amount to sessions, minutes and a period: {ACCEPTED}");
    let help = if PLACE.contains(&w) {
        format!("the place goes in the service's `setting:` (pull-out, push-in, general-ed, ...); {keep}")
    } else if GROUP.contains(&w) {
        format!("individual or group goes in the service's `group:`; {keep}")
    } else if SERVICE.contains(&w) {
        format!("what is done goes in the service's `service:`; {keep}")
    } else {
        format!(
            "a remark (`about`, `up to`, `to drop to once weekly after ...`) goes in the service's `notes:`, \
             the place in `setting:`, what is done in `service:`; {keep}"
        )
    };
    AmountError { message: format!("`{w}` is not part of an amount"), span, help }
}

/// Formats a number without a needless `.0`, exactly (never rounded, unlike
/// `wording::number`): the canonical form must parse back to the same value.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e12 { format!("{}", value as i64) } else { format!("{value}") }
}
