//! The `zhongjie` program: 安全生产中介机构监管 command line.

fn main() -> std::process::ExitCode {
    zhongjie_cli::run_cli()
}
