pub(in crate::i18n) use super::super::en::centre::*;
