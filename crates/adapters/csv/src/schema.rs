//! The columns of every file of exchange v1 part B, in the spec's order.

use zhongjie_core::TableName;

/// The header of a file, in the order of part B (the order the writer uses).
pub const fn columns(t: TableName) -> &'static [&'static str] {
    match t {
        TableName::Agencies => &[
            "agency_id",
            "name",
            "kind",
            "uscc",
            "region_code",
            "parent_agency_id",
            "qualified_until",
            "scopes",
            "status",
        ],
        TableName::Practitioners => &[
            "practitioner_id",
            "name",
            "id_number",
            "agency_id",
            "evaluator_level",
            "registered_safety_engineer",
            "title",
            "specialties",
            "practice_since",
            "expert_pool",
        ],
        TableName::Certificates => &[
            "practitioner_id",
            "kind",
            "number",
            "valid_from",
            "valid_until",
            "verification",
        ],
        TableName::Contributions => &["id_number", "payer_uscc", "month", "kind"],
        TableName::Projects => &[
            "project_id",
            "agency_id",
            "service_type",
            "scope",
            "client_uscc",
            "client_name",
            "site_region_code",
            "contract_signed_on",
            "notice_filed_on",
            "service_started_on",
            "service_ended_on",
            "report_uploaded_on",
            "government_funded",
            "fee_yuan",
        ],
        TableName::Team => &["project_id", "practitioner_id", "role"],
        TableName::Attendance => &[
            "record_id",
            "project_id",
            "practitioner_id",
            "check_in",
            "check_out",
            "lat",
            "lon",
        ],
        TableName::Stages => &["project_id", "stage", "completed_on", "evidence"],
        TableName::Complaints => &[
            "complaint_id",
            "received_on",
            "agency_id",
            "practitioner_id",
            "category",
            "status",
            "closed_on",
            "reporter_contact",
        ],
        TableName::ClientEvents => &[
            "event_id",
            "client_uscc",
            "kind",
            "occurred_on",
            "severity",
            "deaths",
        ],
        TableName::Sanctions => &[
            "sanction_id",
            "subject_kind",
            "subject_id",
            "measure",
            "violation",
            "decided_on",
            "fine_yuan",
            "ends_on",
        ],
        TableName::Exams => &["practitioner_id", "exam_id", "taken_on", "score"],
        TableName::Inspections => &[
            "inspection_id",
            "agency_id",
            "inspected_on",
            "kind",
            "result",
        ],
    }
}

/// The table a file name belongs to.
pub fn table_of_file(name: &str) -> Option<TableName> {
    TableName::ALL.into_iter().find(|t| t.file_name() == name)
}
