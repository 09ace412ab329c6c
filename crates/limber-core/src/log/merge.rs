//! Merging another log into this one by id (import, restore of an old `log.ron`, a backup):
//! what is added, what is the same, what differs, and which copy is kept.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Session, SessionId, SessionLog};

impl SessionLog {
    /// Merges another log into this one by session id; sessions already present are kept as
    /// they are. Returns how many sessions were added.
    pub fn merge(&mut self, other: SessionLog) -> usize {
        self.merge_report(other, Prefer::Ours).added
    }

    /// Merges another log into this one by id, in one pass through a map and one sort (so a
    /// hundred thousand sessions merge in well under a second). A session whose id is already
    /// here with the same content counts as `same`; one with other content is kept as `prefer`
    /// says and its local date listed in `differing`; a second copy in `other` of a session it
    /// already offered counts as `repeated`. Check-ins, pain entries, measures,
    /// activities, questions, sign records, choices of version and progression records are added when new and kept as
    /// they are otherwise; prompt records merge by key, a known one taking in the hiding or answer
    /// it lacks.
    pub fn merge_report(&mut self, other: SessionLog, prefer: Prefer) -> MergeReport {
        let mut report = MergeReport::default();
        let mut index: HashMap<SessionId, usize> = HashMap::with_capacity(self.sessions.len());
        for (at, session) in self.sessions.iter().enumerate() {
            index.entry(session.id.clone()).or_insert(at);
        }
        let mut offered: HashSet<SessionId> = HashSet::with_capacity(other.sessions.len());
        for session in other.sessions {
            let again = !offered.insert(session.id.clone());
            match index.get(&session.id) {
                Some(&at) if again => {
                    report.repeated += 1;
                    if prefer == Prefer::Incoming && self.sessions[at] != session {
                        self.take_incoming(at, session, &mut report);
                    }
                }
                Some(&at) if self.sessions[at] == session => report.same += 1,
                Some(&at) => {
                    report.differing.push(session.local_date);
                    if prefer == Prefer::Incoming {
                        self.take_incoming(at, session, &mut report);
                    }
                }
                None => {
                    index.insert(session.id.clone(), self.sessions.len());
                    self.sessions.push(session);
                    report.added += 1;
                }
            }
        }
        report.differing.sort_unstable();
        if report.added > 0 || prefer == Prefer::Incoming {
            self.sessions
                .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        }
        self.check_ins.sort_by_key(|c| c.at);
        for check_in in other.check_ins {
            let first = self.check_ins.partition_point(|c| c.at < check_in.at);
            let known = self.check_ins[first..]
                .iter()
                .take_while(|c| c.at == check_in.at)
                .any(|c| *c == check_in);
            if !known {
                self.check_ins.insert(first, check_in);
            }
        }
        let mut exports = other.exports;
        exports.retain(|e| !self.exports.contains(e));
        self.exports.extend(exports);
        self.exports.sort_by_key(|e| e.at);
        merge_by_id(
            &mut self.pain_entries,
            other.pain_entries,
            |e| &e.id,
            |e| e.at,
        );
        merge_by_id(&mut self.measures, other.measures, |m| &m.id, |m| m.at);
        merge_by_id(&mut self.questions, other.questions, |q| &q.id, |q| q.at);
        // Prompt records merge by key: a copy from elsewhere fills in a hiding or an answer.
        self.put_prompts(other.prompts);
        merge_by_id(
            &mut self.sign_records,
            other.sign_records,
            |r| &r.id,
            |r| r.at,
        );
        merge_by_id(
            &mut self.version_choices,
            other.version_choices,
            |c| &c.id,
            |c| c.at,
        );
        merge_by_id(
            &mut self.progressions,
            other.progressions,
            |r| &r.id,
            |r| r.at,
        );
        merge_by_id(
            &mut self.activities,
            other.activities,
            |a| &a.id,
            |a| a.added_on,
        );
        report
    }

    /// Puts the imported copy of a session in place of the log's copy at `at`: the month file
    /// the log's copy was kept in is noted in the report (it must be saved, or the old copy
    /// would come back), and the new copy files by its own date.
    fn take_incoming(&mut self, at: usize, session: Session, report: &mut MergeReport) {
        let old = &self.sessions[at];
        report.left.insert(self.homes.file_month(old));
        self.homes.forget(old);
        self.sessions[at] = session;
    }

    /// Session ids that appear more than once, with how many times (a hand-merged file can
    /// hold the same session twice; both are kept until the person chooses).
    pub fn duplicate_ids(&self) -> Vec<(SessionId, usize)> {
        let mut counts: HashMap<&SessionId, usize> = HashMap::new();
        for session in &self.sessions {
            *counts.entry(&session.id).or_default() += 1;
        }
        let mut twice: Vec<(SessionId, usize)> = counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(id, n)| (id.clone(), n))
            .collect();
        twice.sort();
        twice
    }
}

/// Which copy of a session an import keeps when both logs hold the same id with other content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefer {
    /// The log's own copy (the default: nothing already logged changes).
    Ours,
    /// The imported copy (`limber import --prefer-backup`).
    Incoming,
}

/// What [`SessionLog::merge_report`] did with the sessions offered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Sessions that were new and were added.
    pub added: usize,
    /// Sessions already in the log exactly as offered.
    pub same: usize,
    /// The local dates of sessions whose id was in the log with other content, oldest first.
    pub differing: Vec<NaiveDate>,
    /// Sessions the other log holds more than once (each copy after the first): counted here
    /// only, so that added, same, differing and repeated add up to what was offered. With
    /// [`Prefer::Incoming`] the last copy is the one kept.
    pub repeated: usize,
    /// The month files whose copy of a session was replaced by the imported one (with
    /// [`Prefer::Incoming`]): each must be saved, even when the new copy files elsewhere.
    pub left: std::collections::BTreeSet<crate::store::Month>,
}

/// Adds the records of `other` whose id is not in `ours` yet (records already present are
/// kept as they are, as for sessions), then sorts by `key`, ties in id order.
fn merge_by_id<T, K: Ord>(
    ours: &mut Vec<T>,
    other: Vec<T>,
    id: impl Fn(&T) -> &SessionId,
    key: impl Fn(&T) -> K,
) {
    let mut known: HashSet<SessionId> = ours.iter().map(|r| id(r).clone()).collect();
    ours.extend(other.into_iter().filter(|r| known.insert(id(r).clone())));
    ours.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| id(a).cmp(id(b))));
}
