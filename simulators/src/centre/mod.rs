//! The central eligibility service simulator (filled by the centre issue).
