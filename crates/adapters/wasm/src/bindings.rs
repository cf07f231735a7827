//! The JavaScript exports (feature `bindgen`): thin wrappers of the crate's functions, with the
//! same names and answers. An omitted or `null` pack means the built-in `zj-2024`.

use wasm_bindgen::prelude::wasm_bindgen;

/// See [`crate::supervise_json`].
#[wasm_bindgen]
pub fn supervise_json(files_json: &str, as_of: &str, pack_toml: Option<String>) -> String {
    crate::supervise_json(files_json, as_of, pack_toml.as_deref())
}

/// See [`crate::explain_agency_json`].
#[wasm_bindgen]
pub fn explain_agency_json(
    files_json: &str,
    as_of: &str,
    agency_id: &str,
    pack_toml: Option<String>,
) -> String {
    crate::explain_agency_json(files_json, as_of, agency_id, pack_toml.as_deref())
}

/// See [`crate::explain_practitioner_json`].
#[wasm_bindgen]
pub fn explain_practitioner_json(
    files_json: &str,
    as_of: &str,
    practitioner_id: &str,
    pack_toml: Option<String>,
) -> String {
    crate::explain_practitioner_json(files_json, as_of, practitioner_id, pack_toml.as_deref())
}

/// See [`crate::about_json`].
#[wasm_bindgen]
pub fn about_json() -> String {
    crate::about_json()
}
