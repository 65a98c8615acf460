//! Accounts from the command line: the first admin of a new database, `user add` and
//! `user passwd`. Passwords come from `ANTT_PASSWORD` or are typed at a prompt.

use super::{CliError, UserCommand};
use crate::config::DbConfig;
use crate::store;
use app::services::store::RoleGrant;
use app::services::{auth, ServiceError};

/// A new password typed twice at the prompt (once from `ANTT_PASSWORD`): a typing
/// mistake in the first admin's password would lock the operator out.
fn read_new_password() -> Result<String, CliError> {
    if let Ok(p) = std::env::var("ANTT_PASSWORD") {
        return Ok(p);
    }
    let first = rpassword::prompt_password("Mật khẩu mới / new password: ")?;
    let again = rpassword::prompt_password("Nhập lại / again: ")?;
    if first != again {
        return Err(CliError::Config(
            "hai lần nhập không khớp / the two passwords differ".into(),
        ));
    }
    Ok(first)
}

/// Sets up a new database for a real commune: its first account, an admin. Refuses a
/// database that has any account already, so it cannot add a second admin by mistake.
pub(super) async fn init(db: &DbConfig, phone: &str, name: &str) -> Result<(), CliError> {
    let s = store::open(&db.database_url).await?;
    if !s.is_empty().await? {
        return Err(CliError::Config(
            "cơ sở dữ liệu đã có dữ liệu, không khởi tạo lại / refusing: the database is \
             not empty (use `antt user add` for more accounts)"
                .into(),
        ));
    }
    let password = read_new_password()?;
    let id = auth::create_user(s.as_ref(), phone, name, &password).await?;
    s.grant_role(id, RoleGrant::Admin).await?;
    println!(
        "Đã tạo tài khoản quản trị {phone} / admin account created ({} database).\n\
         Chạy / now run: antt serve",
        s.backend()
    );
    Ok(())
}

pub(super) async fn user(cmd: UserCommand) -> Result<(), CliError> {
    match cmd {
        UserCommand::Add {
            db,
            phone,
            name,
            commune_police,
            province_police,
            admin,
        } => {
            let s = store::open(&db.database_url).await?;
            let password = read_new_password()?;
            let id = auth::create_user(s.as_ref(), &phone, &name, &password).await?;
            let grants = commune_police
                .map(|commune_id| RoleGrant::CommunePolice { commune_id })
                .into_iter()
                .chain(province_police.map(|province_id| RoleGrant::ProvincePolice { province_id }))
                .chain(admin.then_some(RoleGrant::Admin));
            for g in grants {
                s.grant_role(id, g).await?;
            }
            println!("Created user {id}.");
            Ok(())
        }
        UserCommand::Passwd { db, phone } => {
            let s = store::open(&db.database_url).await?;
            auth::reset_password(s.as_ref(), &phone, &read_new_password()?)
                .await
                .map_err(|e| match e {
                    ServiceError::NotFound => CliError::Config(format!("no account {phone}")),
                    e => e.into(),
                })?;
            println!("Password changed; the user's sessions were ended.");
            Ok(())
        }
    }
}
