//! Faults the sandbox injects on demand, written as short specs:
//!
//! | spec             | effect                                                     |
//! |------------------|------------------------------------------------------------|
//! | `503` (any code) | answer with that status and a JSON error body              |
//! | `429:7`          | 429 with `Retry-After: 7` (default 1)                      |
//! | `delay:40000`    | wait 40 000 ms before answering (past the client timeout)  |
//! | `reset`          | read the request, then reset the connection (TCP RST)      |
//! | `malformed`      | a success status with a truncated JSON body                |
//!
//! Suffixes: `@submit` or `@status` limit it to one endpoint (default: any), `*N` applies it
//! to the next N requests (default 1). Example: `503@submit*2`.

use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum FaultKind {
    Status { code: u16 },
    RateLimited { retry_after_secs: u64 },
    Delay { ms: u64 },
    Reset,
    Malformed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultTarget {
    Submit,
    Status,
    Any,
}

impl FaultTarget {
    pub fn covers(self, endpoint: FaultTarget) -> bool {
        self == FaultTarget::Any || self == endpoint
    }
}

/// A fault and how many more requests it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    pub kind: FaultKind,
    pub on: FaultTarget,
    pub times: u32,
}

impl Fault {
    pub fn new(kind: FaultKind, on: FaultTarget, times: u32) -> Fault {
        Fault { kind, on, times }
    }

    pub fn delay(&self) -> Option<Duration> {
        match self.kind {
            FaultKind::Delay { ms } => Some(Duration::from_millis(ms)),
            _ => None,
        }
    }
}

impl FromStr for Fault {
    type Err = String;

    fn from_str(spec: &str) -> Result<Fault, String> {
        let bad = |why: &str| {
            format!(
                "bad fault `{spec}`: {why} (examples: 503, 429:7@submit*2, delay:40000, reset, malformed)"
            )
        };
        let mut rest = spec.trim();
        let mut times = 1;
        if let Some((head, n)) = rest.rsplit_once('*') {
            times = n.trim().parse().map_err(|_| bad("`*` takes a count"))?;
            rest = head;
        }
        let mut on = FaultTarget::Any;
        if let Some((head, target)) = rest.rsplit_once('@') {
            on = match target.trim() {
                "submit" => FaultTarget::Submit,
                "status" => FaultTarget::Status,
                "any" => FaultTarget::Any,
                _ => return Err(bad("`@` takes submit, status or any")),
            };
            rest = head;
        }
        let (name, arg) = match rest.split_once(':') {
            Some((name, arg)) => (name.trim(), Some(arg.trim())),
            None => (rest.trim(), None),
        };
        let number = |default: u64| -> Result<u64, String> {
            arg.map_or(Ok(default), |a| {
                a.parse().map_err(|_| bad("the argument must be a number"))
            })
        };
        let kind = match name {
            "reset" => FaultKind::Reset,
            "malformed" => FaultKind::Malformed,
            "delay" => FaultKind::Delay {
                ms: number(40_000)?,
            },
            "429" => FaultKind::RateLimited {
                retry_after_secs: number(1)?,
            },
            code => match code.parse::<u16>() {
                Ok(code @ 400..=599) => FaultKind::Status { code },
                _ => return Err(bad("unknown kind")),
            },
        };
        Ok(Fault { kind, on, times })
    }
}

/// The pending faults, in the order they were asked for.
#[derive(Debug, Default)]
pub struct FaultQueue {
    faults: Vec<Fault>,
}

impl FaultQueue {
    pub fn push(&mut self, fault: Fault) {
        if fault.times > 0 {
            self.faults.push(fault);
        }
    }

    pub fn clear(&mut self) {
        self.faults.clear();
    }

    pub fn pending(&self) -> Vec<Fault> {
        self.faults.clone()
    }

    /// Takes one use of the first fault that applies to `endpoint`, if `accept` wants it.
    pub fn take(
        &mut self,
        endpoint: FaultTarget,
        accept: impl Fn(&FaultKind) -> bool,
    ) -> Option<FaultKind> {
        let index = self.faults.iter().position(|f| f.on.covers(endpoint))?;
        let fault = &mut self.faults[index];
        if !accept(&fault.kind) {
            return None;
        }
        let kind = fault.kind;
        fault.times -= 1;
        if fault.times == 0 {
            self.faults.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        assert_eq!(
            "503".parse::<Fault>().unwrap(),
            Fault::new(FaultKind::Status { code: 503 }, FaultTarget::Any, 1)
        );
        assert_eq!(
            "429:7@submit*2".parse::<Fault>().unwrap(),
            Fault::new(
                FaultKind::RateLimited {
                    retry_after_secs: 7
                },
                FaultTarget::Submit,
                2
            )
        );
        assert_eq!(
            "delay:1500@status".parse::<Fault>().unwrap().delay(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!("reset*3".parse::<Fault>().unwrap().times, 3);
        assert!("teapot".parse::<Fault>().is_err());
        assert!("200".parse::<Fault>().is_err());
        assert!("503@nowhere".parse::<Fault>().is_err());
    }

    #[test]
    fn faults_are_used_up_in_order_per_endpoint() {
        let mut queue = FaultQueue::default();
        queue.push("500@status".parse().unwrap());
        queue.push("502*2".parse().unwrap());
        let any = |_: &FaultKind| true;
        assert_eq!(
            queue.take(FaultTarget::Submit, any),
            Some(FaultKind::Status { code: 502 })
        );
        assert_eq!(
            queue.take(FaultTarget::Status, any),
            Some(FaultKind::Status { code: 500 })
        );
        assert_eq!(
            queue.take(FaultTarget::Status, any),
            Some(FaultKind::Status { code: 502 })
        );
        assert_eq!(queue.take(FaultTarget::Status, any), None);
    }
}
