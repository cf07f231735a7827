//! 准入审查申请 — an application for a new safety evaluation qualification or a scope extension
//! (seed 二(一)2), read from a TOML file:
//!
//! ```toml
//! agency_id = "A001"
//! kind = "extension"                 # new 新申请 | extension 业务范围扩项
//! scopes = ["metal_smelting"]        # requested industry scopes
//! fixed_assets_yuan = 8500000        # integer or quoted decimal, never a float
//! floor_area_m2 = "1200.5"
//! archive_area_m2 = 120
//! regulator_link = "none"            # 与应急管理部门的关系
//! documents = ["internal_management", "process_control", "commitment_letter"]
//! ```

use super::input::{parse_toml, Amount, Column, InputError};
use crate::code_enum;
use crate::codes::IndustryScope;
use crate::ids::AgencyId;
use core::fmt;
use rust_decimal::Decimal;

code_enum! {
    /// 申请类别.
    ApplicationKind {
        New = "new" / "新申请",
        Extension = "extension" / "业务范围扩项",
    }
}

code_enum! {
    /// 申请机构与应急管理部门的关系（红顶中介）.
    RegulatorLink {
        None = "none" / "无隶属或出资关系",
        OwnedByRegulator = "owned_by_regulator" / "应急管理部门（或煤矿安全监管机构）所属单位",
        RegulatorEnterprise = "regulator_enterprise" / "应急管理部门所属单位出资的企业",
        RunByRegulator = "run_by_regulator" / "由应急管理部门工作人员主办或实际控制",
    }
}

code_enum! {
    /// 申请材料中的制度文件.
    Document {
        InternalManagement = "internal_management" / "内部管理制度",
        ProcessControl = "process_control" / "安全评价过程控制体系",
        CommitmentLetter = "commitment_letter" / "法定代表人承诺书",
        QualityManual = "quality_manual" / "质量手册",
        ArchiveRules = "archive_rules" / "档案管理制度",
        DisclosureWebsite = "disclosure_website" / "信息公开网站",
    }
}

/// A checked application.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Application {
    /// The applying head office (must be in the dataset).
    pub agency: AgencyId,
    /// New qualification or scope extension.
    pub kind: ApplicationKind,
    /// Requested industry scopes, distinct, in the order written.
    pub scopes: Vec<IndustryScope>,
    /// 固定资产（元）.
    pub fixed_assets_yuan: Decimal,
    /// 工作场所建筑面积（平方米）.
    pub floor_area_m2: Decimal,
    /// 档案室面积（平方米）.
    pub archive_area_m2: Decimal,
    /// 与应急管理部门的关系.
    pub regulator_link: RegulatorLink,
    /// Documents present, distinct.
    pub documents: Vec<Document>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    agency_id: AgencyId,
    kind: ApplicationKind,
    scopes: Vec<IndustryScope>,
    fixed_assets_yuan: Amount,
    floor_area_m2: Amount,
    archive_area_m2: Amount,
    regulator_link: RegulatorLink,
    #[serde(default)]
    documents: Vec<Document>,
}

impl Application {
    /// Parses and checks an application file.
    pub fn parse(text: &str) -> Result<Application, Vec<InputError>> {
        let raw: Raw = parse_toml(text).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let key_error = |key: &str, code: &'static str, message: String| {
            let line = key_line(text, key);
            InputError {
                line,
                column: if line == 0 {
                    Column::None
                } else {
                    Column::Char(1)
                },
                code,
                message,
            }
        };
        if raw.scopes.is_empty() {
            errors.push(key_error(
                "scopes",
                "missing_value",
                "未申请任何业务范围，应至少填写一项".into(),
            ));
        }
        if let Some(d) = first_duplicate(&raw.scopes) {
            errors.push(key_error(
                "scopes",
                "duplicate_value",
                format!("业务范围 `{d}` 重复"),
            ));
        }
        if let Some(d) = first_duplicate(&raw.documents) {
            errors.push(key_error(
                "documents",
                "duplicate_value",
                format!("文件 `{d}` 重复"),
            ));
        }
        if raw.archive_area_m2.0 > raw.floor_area_m2.0 {
            errors.push(key_error(
                "archive_area_m2",
                "inconsistent_value",
                format!(
                    "档案室面积 {} 平方米大于工作场所面积 {} 平方米，应包含在工作场所面积之内",
                    raw.archive_area_m2.0, raw.floor_area_m2.0
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Application {
            agency: raw.agency_id,
            kind: raw.kind,
            scopes: raw.scopes,
            fixed_assets_yuan: raw.fixed_assets_yuan.0,
            floor_area_m2: raw.floor_area_m2.0,
            archive_area_m2: raw.archive_area_m2.0,
            regulator_link: raw.regulator_link,
            documents: raw.documents,
        })
    }
}

fn first_duplicate<T: PartialEq + fmt::Display>(v: &[T]) -> Option<&T> {
    v.iter()
        .enumerate()
        .find(|(i, x)| v[..*i].contains(x))
        .map(|(_, x)| x)
}

/// The line on which `key = ` is written (0 when not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
agency_id = "A001"
kind = "new"
scopes = ["petrochemical", "metal_smelting"]
fixed_assets_yuan = 8500000
floor_area_m2 = "1200.5"
archive_area_m2 = 120
regulator_link = "none"
documents = ["internal_management", "process_control"]
"#;

    #[test]
    fn parses_a_complete_application() {
        let a = Application::parse(OK).unwrap();
        assert_eq!(a.agency.as_str(), "A001");
        assert_eq!(a.kind, ApplicationKind::New);
        assert_eq!(
            a.scopes,
            [IndustryScope::Petrochemical, IndustryScope::MetalSmelting]
        );
        assert_eq!(a.floor_area_m2, Decimal::new(12005, 1));
        assert_eq!(a.documents.len(), 2);
    }

    #[test]
    fn refuses_floats_unknown_codes_keys_and_duplicates_with_lines() {
        let e = Application::parse(&OK.replace("8500000", "8500000.0")).unwrap_err();
        assert_eq!((e[0].line, e[0].code), (5, "toml_syntax"));
        let e = Application::parse(&OK.replace("\"none\"", "\"partly\"")).unwrap_err();
        assert_eq!(e[0].line, 8);
        assert!(
            e[0].message.contains("owned_by_regulator"),
            "{}",
            e[0].message
        );
        let e = Application::parse(&format!("{OK}extra = 1\n")).unwrap_err();
        assert_eq!(e[0].code, "toml_syntax");
        let e =
            Application::parse(&OK.replace("\"metal_smelting\"", "\"petrochemical\"")).unwrap_err();
        assert_eq!((e[0].line, e[0].code), (4, "duplicate_value"));
        let e = Application::parse(&OK.replace("archive_area_m2 = 120", "archive_area_m2 = 2000"))
            .unwrap_err();
        assert_eq!((e[0].line, e[0].code), (7, "inconsistent_value"));
    }
}
