//! Small pieces of SQL that several topics of the journal build their statements with.

/// `?, ?, ?`: the placeholders of an `IN (…)` list of `n` values.
pub(super) fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// A list of ids as one parameter, for `IN (SELECT value FROM json_each(?1))`: one prepared
/// statement serves lists of every length.
pub(super) fn id_list(ids: &[i64]) -> rusqlite::types::Value {
    serde_json::to_string(ids)
        .unwrap_or_else(|_| "[]".into())
        .into()
}
