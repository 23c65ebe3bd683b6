//! The central eligibility service as the app sees it: XmlMsg wire types, identifiers that
//! cannot hold bad values, and the HTTPS client. Filled by the centre issue.
