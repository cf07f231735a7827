//! The errors of the PostgreSQL adapter: a stable English code and a Chinese message. No error
//! ever carries a `reporter_contact` or a full resident ID number: database errors keep only
//! PostgreSQL's primary message (never its DETAIL, which can echo a whole row), and an error on
//! the confidential table keeps no message at all.

/// A problem of the PostgreSQL adapter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PgError {
    /// The server could not be reached or refused the connection.
    #[error("无法连接 PostgreSQL：{message} [connect]")]
    Connect {
        /// The driver's message (holds no password).
        message: String,
    },
    /// A schema name that is not a plain lower-case identifier.
    #[error("模式名 `{0}` 无效：应为小写字母或下划线开头、由小写字母、数字和下划线组成、不超过 63 个字符 [bad_schema_name]")]
    BadSchemaName(String),
    /// The schema does not exist or lacks the tables (run `create_schema` first).
    #[error("模式 `{0}` 不存在或缺少数据表，请先建立模式 [schema_missing]")]
    SchemaMissing(String),
    /// Importing into a schema that already holds a dataset.
    #[error("模式 `{schema}` 中已有数据集（{table} 非空）；一个模式只存一个数据集，请换用新模式 [schema_not_empty]")]
    SchemaNotEmpty {
        /// The schema.
        schema: String,
        /// A table that has rows.
        table: &'static str,
    },
    /// A run whose agencies or practitioners are not those of the schema's dataset.
    #[error("运行结果中的机构或人员不在模式 `{0}` 的数据集中，请先导入该运行所用的数据集 [run_dataset_mismatch]")]
    RunNotOfDataset(String),
    /// A text with a NUL character, which PostgreSQL cannot store (the value is not shown).
    #[error("{table} 第 {row_no} 条记录含有 NUL 字符（\\0），数据库无法保存 [nul_character]")]
    NulCharacter {
        /// The table.
        table: &'static str,
        /// 1-based record number in the table.
        row_no: u64,
    },
    /// A datetime with digits below the microsecond, which `timestamptz` cannot keep.
    #[error("{table} 第 {row_no} 条记录 {column} 的时间精度高于微秒，数据库无法原样保存 [subsecond_precision]")]
    Precision {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// 1-based record number in the table.
        row_no: usize,
    },
    /// A stored value that is not valid for exchange v1 (found on export).
    #[error("{table} 第 {row_no} 条记录 {column} 的值无效：{message} [bad_row]")]
    BadRow {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// The record's `row_no`.
        row_no: i64,
        /// What is wrong (never the value of a confidential column).
        message: String,
    },
    /// An error reported by PostgreSQL.
    #[error("数据库错误（{sqlstate}{}）：{message} [db]", .table.map(|t| format!("，表 {t}")).unwrap_or_default())]
    Db {
        /// The SQLSTATE code (`23503` foreign key violation, …), empty when not from the server.
        sqlstate: String,
        /// The table being written or read, when known.
        table: Option<&'static str>,
        /// PostgreSQL's primary message only.
        message: String,
    },
}

impl PgError {
    /// Stable English code of the error class.
    pub fn code(&self) -> &'static str {
        match self {
            PgError::Connect { .. } => "connect",
            PgError::BadSchemaName(_) => "bad_schema_name",
            PgError::SchemaMissing(_) => "schema_missing",
            PgError::SchemaNotEmpty { .. } => "schema_not_empty",
            PgError::RunNotOfDataset(_) => "run_dataset_mismatch",
            PgError::NulCharacter { .. } => "nul_character",
            PgError::Precision { .. } => "subsecond_precision",
            PgError::BadRow { .. } => "bad_row",
            PgError::Db { .. } => "db",
        }
    }

    /// A database error while working on `table` (`None` when no single table is concerned).
    pub(crate) fn db(e: &postgres::Error, table: Option<&'static str>) -> PgError {
        match e.as_db_error() {
            Some(db) => PgError::Db {
                sqlstate: db.code().code().to_owned(),
                table,
                message: if table == Some("complaint_contacts") {
                    "写入或读取保密字段时出错（内容不予显示）".to_owned()
                } else {
                    db.message().to_owned()
                },
            },
            // Not from the server (closed connection, protocol, I/O): no row data in these.
            None => PgError::Db {
                sqlstate: String::new(),
                table,
                message: e.to_string(),
            },
        }
    }
}
