//! The central eligibility service as the app sees it: XmlMsg wire types, identifiers that
//! cannot hold bad values, the code tables, the PROPOSED card-query signing rule and the HTTPS
//! client. It knows nothing of the app, the card reader or the simulator.

pub mod card;
pub mod client;
pub mod codes;
pub mod ids;
pub mod link;
pub mod xml;

pub use client::{Client, ClientConfig, ClientError, Eligibility, Verdict};

pub use ids::{
    BirthDate, BranchNumber, CardNumber, CardSymbol, Field, IdError, InstitutionCode,
    InstitutionKind, InsurerNumber, Reason,
};
