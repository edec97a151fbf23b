//! Auditions of a role: the slots the director sets (date, time, place) and an invitation per
//! shortlisted talent to one of them, with its status (invited, confirmed, declined, seen).
//! Times come in as arguments (`now`); nothing here reads a clock.

use serde::{Deserialize, Serialize};

use super::episodes::Decision;
use super::{MemoryError, Session};
use crate::date::Date;

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatus {
    Invited,
    Confirmed,
    Declined,
    /// The talent auditioned.
    Seen,
}

crate::named::named_enum!(InvitationStatus {
    Invited = "invited",
    Confirmed = "confirmed",
    Declined = "declined",
    Seen = "seen",
});

impl InvitationStatus {
    /// Reads "invited", "confirmed", "declined" or "seen", in any case.
    pub fn parse(raw: &str) -> Result<InvitationStatus, MemoryError> {
        let raw = raw.trim();
        InvitationStatus::NAMED
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(raw))
            .map(|(status, _)| *status)
            .ok_or_else(|| {
                MemoryError::BadAudition(format!(
                    "unknown status {raw:?}: expected invited, confirmed, declined or seen"
                ))
            })
    }
}

/// One audition slot: a day, a start time ("HH:MM", 24-hour) and a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Slot {
    /// Unique within the role: 1, 2, ...
    pub id: u32,
    pub date: Date,
    pub time: String,
    pub place: String,
}

/// A talent invited to a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Invitation {
    pub talent_id: String,
    pub slot: u32,
    pub status: InvitationStatus,
    /// When the status last changed (milliseconds since the epoch, as passed in).
    pub at: i64,
}

/// A role's audition slots and invitations (one per talent), oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Auditions {
    pub project: String,
    pub role: String,
    pub slots: Vec<Slot>,
    pub invitations: Vec<Invitation>,
}

fn refuse(reason: String) -> MemoryError {
    MemoryError::BadAudition(reason)
}

/// "9:30", "09:30" or "21:05" as "HH:MM"; anything else is refused.
fn clock_time(text: &str) -> Result<String, MemoryError> {
    let bad = || {
        refuse(format!(
            "time {text:?}: expected HH:MM, 24-hour (\"10:30\", \"17:00\")"
        ))
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let number = |part: &str, below: u32| {
        let ok = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| part.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n < below)
    };
    match (number(h, 24), number(m, 60).filter(|_| m.len() == 2)) {
        (Some(h), Some(m)) => Ok(format!("{h:02}:{m:02}")),
        _ => Err(bad()),
    }
}

impl Auditions {
    pub fn is_for(&self, project: &str, role: &str) -> bool {
        self.project == project && self.role == role
    }

    fn slot(&self, id: u32) -> Result<&Slot, MemoryError> {
        self.slots
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| refuse(format!("no audition slot {id} for this role")))
    }

    fn invitation_mut(&mut self, talent_id: &str) -> Result<&mut Invitation, MemoryError> {
        self.invitations
            .iter_mut()
            .find(|i| i.talent_id == talent_id)
            .ok_or_else(|| {
                refuse(format!(
                    "{talent_id:?} is not invited to audition for this role"
                ))
            })
    }

    /// Ids unique, invitations to existing slots, one per talent, slots well formed.
    pub(super) fn validate(&self) -> Result<(), String> {
        for (i, slot) in self.slots.iter().enumerate() {
            let time_ok = clock_time(&slot.time).is_ok_and(|t| t == slot.time);
            if !time_ok || self.slots[..i].iter().any(|s| s.id == slot.id) {
                return Err(format!(
                    "audition slot {} is malformed or repeated",
                    slot.id
                ));
            }
        }
        for (i, inv) in self.invitations.iter().enumerate() {
            let repeated = self.invitations[..i]
                .iter()
                .any(|o| o.talent_id == inv.talent_id);
            if repeated || self.slot(inv.slot).is_err() {
                return Err(format!(
                    "invitation of {:?} is repeated or names no slot",
                    inv.talent_id
                ));
            }
        }
        Ok(())
    }
}

impl Session {
    /// The open role's auditions, created (with the role) if needed.
    fn auditions_mut(&mut self, now: i64) -> &mut Auditions {
        self.role_mut(now);
        let (project, role) = (self.cursor.project.clone(), self.cursor.role.clone());
        let all = &mut self.workbook_mut().auditions;
        let at = match all.iter().position(|a| a.is_for(&project, &role)) {
            Some(at) => at,
            None => {
                let fresh = Auditions {
                    project,
                    role,
                    ..Default::default()
                };
                all.push(fresh);
                all.len() - 1
            }
        };
        &mut all[at]
    }

    /// The open role's auditions, when it has some: what changes them must not create them.
    fn scheduled_mut(&mut self) -> Result<&mut Auditions, MemoryError> {
        let cursor = &self.cursor;
        self.workbooks
            .iter_mut()
            .find(|w| w.director == cursor.director)
            .and_then(|w| {
                let mut all = w.auditions.iter_mut();
                all.find(|a| a.is_for(&cursor.project, &cursor.role))
            })
            .ok_or_else(|| refuse("this role has no audition slots yet".into()))
    }

    /// Adds an audition slot to the open role: `date` as YYYY-MM-DD, `time` as HH:MM, a place.
    pub fn add_slot(
        &mut self,
        now: i64,
        date: &str,
        time: &str,
        place: &str,
    ) -> Result<Slot, MemoryError> {
        let day = Date::parse_iso(date)
            .ok_or_else(|| refuse(format!("date {date:?}: expected YYYY-MM-DD")))?;
        let time = clock_time(time)?;
        let place = place.split_whitespace().collect::<Vec<_>>().join(" ");
        if place.is_empty() {
            return Err(refuse("an audition slot needs a place".into()));
        }
        let auditions = self.auditions_mut(now);
        let id = auditions.slots.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        let slot = Slot {
            id,
            date: day,
            time,
            place,
        };
        auditions.slots.push(slot.clone());
        Ok(slot)
    }

    /// Removes a slot of the open role; refused while talents are invited to it.
    pub fn remove_slot(&mut self, id: u32) -> Result<Slot, MemoryError> {
        let auditions = self.scheduled_mut()?;
        auditions.slot(id)?;
        let invited = auditions
            .invitations
            .iter()
            .filter(|i| i.slot == id)
            .count();
        if invited > 0 {
            return Err(refuse(format!(
                "slot {id} has {invited} invitation(s): move or cancel them first"
            )));
        }
        let at = auditions.slots.iter().position(|s| s.id == id).unwrap_or(0);
        Ok(auditions.slots.remove(at))
    }

    /// Invites a talent shortlisted for the open role to a slot (status "invited"); a talent
    /// already invited moves to the new slot and is invited afresh.
    pub fn invite(
        &mut self,
        now: i64,
        talent_id: &str,
        slot: u32,
    ) -> Result<Invitation, MemoryError> {
        let shortlisted = self.current_role().and_then(|r| r.decisions.get(talent_id));
        if shortlisted.is_none_or(|d| d.decision != Decision::Shortlist) {
            return Err(refuse(format!(
                "{talent_id:?} is not shortlisted for this role: shortlist them before inviting"
            )));
        }
        let auditions = self.scheduled_mut()?;
        auditions.slot(slot)?;
        let invitation = Invitation {
            talent_id: talent_id.to_string(),
            slot,
            status: InvitationStatus::Invited,
            at: now,
        };
        let invitations = &mut auditions.invitations;
        invitations.retain(|i| i.talent_id != talent_id);
        invitations.push(invitation.clone());
        Ok(invitation)
    }

    /// Sets where a talent's invitation for the open role stands.
    pub fn set_invitation(
        &mut self,
        now: i64,
        talent_id: &str,
        status: InvitationStatus,
    ) -> Result<Invitation, MemoryError> {
        let invitation = self.scheduled_mut()?.invitation_mut(talent_id)?;
        invitation.status = status;
        invitation.at = now;
        Ok(invitation.clone())
    }

    /// Withdraws a talent's invitation for the open role.
    pub fn cancel_invitation(&mut self, talent_id: &str) -> Result<Invitation, MemoryError> {
        let auditions = self.scheduled_mut()?;
        auditions.invitation_mut(talent_id)?;
        let at = auditions
            .invitations
            .iter()
            .position(|i| i.talent_id == talent_id)
            .unwrap_or(0);
        Ok(auditions.invitations.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_are_read_strictly() {
        assert_eq!(clock_time("9:30").unwrap(), "09:30");
        assert_eq!(clock_time(" 17:05 ").unwrap(), "17:05");
        for bad in ["24:00", "9:5", "930", "9:60", "", "ab:cd", "-1:30", "1:300"] {
            assert!(clock_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn statuses_are_read_in_any_case() {
        assert_eq!(
            InvitationStatus::parse(" Confirmed").unwrap(),
            InvitationStatus::Confirmed
        );
        assert!(InvitationStatus::parse("maybe")
            .unwrap_err()
            .to_string()
            .contains("invited, confirmed, declined or seen"));
    }
}
