//! Demo data: one province, a rural commune modelled on seed 000 (13 village teams) and an
//! urban ward. Every person is fictional; every demo account shares one password.

use app::domain::roster::{Gender, Origin, RosterEntry};
use app::domain::selection::Education;
use app::domain::{OrgUnitKind, PhoneNumber, Position, TeamKind};
use app::services::auth::{create_user_with_hash, hash_password};
use app::services::store::{NewMember, NewOrgUnit, NewTeam, RoleGrant, Store};
use app::services::ServiceError;
use chrono::NaiveDate;

pub const PASSWORD: &str = "demo1234";

/// A demo login as the README and the start-up banner list it.
pub struct DemoLogin {
    pub role: &'static str,
    pub phone: &'static str,
    pub place: &'static str,
}

pub const LOGINS: &[DemoLogin] = &[
    DemoLogin {
        role: "Tổ viên (member)",
        phone: "0910101003",
        place: "Tổ bảo vệ ANTT thôn Thanh Lương",
    },
    DemoLogin {
        role: "Tổ trưởng (leader)",
        phone: "0910101001",
        place: "Tổ bảo vệ ANTT thôn Thanh Lương",
    },
    DemoLogin {
        role: "Tổ phó (deputy)",
        phone: "0910102002",
        place: "Tổ bảo vệ ANTT thôn Tô Xá",
    },
    DemoLogin {
        role: "Tổ trưởng (leader)",
        phone: "0910201001",
        place: "Tổ bảo vệ ANTT tổ dân phố 1, phường Đông Hà",
    },
    DemoLogin {
        role: "Công an xã (commune police)",
        phone: "0900000003",
        place: "Xã Quảng Trạch",
    },
    DemoLogin {
        role: "Công an phường (commune police)",
        phone: "0900000004",
        place: "Phường Đông Hà",
    },
    DemoLogin {
        role: "Công an tỉnh (province police)",
        phone: "0900000002",
        place: "Tỉnh Quảng Trị",
    },
    DemoLogin {
        role: "Quản trị (admin)",
        phone: "0900000001",
        place: "Toàn hệ thống",
    },
];

const QUANG_TRACH_VILLAGES: [&str; 13] = [
    "Thanh Lương",
    "Tô Xá",
    "Đông Dương",
    "Phú Hội",
    "Trung Thuần",
    "Vân Tiền",
    "Hòa Ninh",
    "Cảnh Hóa",
    "Mỹ Hòa",
    "Tân Mỹ",
    "Quảng Hưng",
    "Bắc Phong",
    "Nam Sơn",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Lâm", "Long", "Nam", "Phúc", "Quân",
    "Sơn", "Tâm", "Thắng", "Vinh",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("demo dates are valid")
}

/// A deterministic fictional name, so demo data is the same on every machine.
fn person_name(n: usize) -> String {
    format!(
        "{} {} {}",
        FAMILY[n % 10],
        MIDDLE[(n / 10 + n) % 8],
        GIVEN[(n * 7 + 3) % 16]
    )
}

/// Loads the demo data into an empty database; refuses one that holds anything.
// Long on purpose: the demo's hierarchy, teams and accounts written out as one script,
// read top to bottom like the README's list of demo logins.
pub async fn load(store: &dyn Store) -> Result<(), ServiceError> {
    if !store.is_empty().await? {
        return Err(ServiceError::Conflict("the database is not empty".into()));
    }
    // One hash for every demo account: argon2 is slow on purpose, and they share a password.
    let hash = hash_password(PASSWORD)?;
    let user = |phone: &str, name: &str| {
        let phone = PhoneNumber::parse(phone).expect("demo phones are valid");
        let name = name.to_owned();
        let hash = hash.clone();
        async move { create_user_with_hash(store, &phone, &name, hash).await }
    };
    let since = date(2024, 7, 1);
    let unit = |parent, kind, name: &str, code: &str| NewOrgUnit {
        parent_id: parent,
        kind,
        name: name.to_owned(),
        code: Some(code.to_owned()),
        valid_from: date(2025, 7, 1),
        valid_to: None,
    };
    let province = store
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh Quảng Trị", "QT"))
        .await?;
    let rural = store
        .insert_org_unit(&unit(
            Some(province),
            OrgUnitKind::Commune,
            "Xã Quảng Trạch",
            "QT-QTR",
        ))
        .await?;
    let urban = store
        .insert_org_unit(&unit(
            Some(province),
            OrgUnitKind::Commune,
            "Phường Đông Hà",
            "QT-DHA",
        ))
        .await?;

    let admin = user("0900000001", "Quản trị hệ thống").await?;
    store.grant_role(admin, RoleGrant::Admin).await?;
    let pp = user("0900000002", "Đại úy Lê Minh Tuấn").await?;
    store
        .grant_role(
            pp,
            RoleGrant::ProvincePolice {
                province_id: province,
            },
        )
        .await?;
    let cp = user("0900000003", "Thượng úy Trần Quốc Việt").await?;
    store
        .grant_role(cp, RoleGrant::CommunePolice { commune_id: rural })
        .await?;
    let cp2 = user("0900000004", "Trung úy Phạm Thu Hà").await?;
    store
        .grant_role(cp2, RoleGrant::CommunePolice { commune_id: urban })
        .await?;

    let mut person = 0usize;
    let communes = [
        (
            1,
            rural,
            "thôn",
            QUANG_TRACH_VILLAGES.map(String::from).to_vec(),
            TeamKind::SecurityOrder,
        ),
        (
            2,
            urban,
            "tổ dân phố",
            (1..=4).map(|i| i.to_string()).collect(),
            TeamKind::SecurityOrder,
        ),
    ];
    for (c, commune_id, village_word, villages, kind) in communes {
        for (t, village) in villages.iter().enumerate() {
            let village_name = format!("{} {village}", capitalise(village_word));
            let village_id = store
                .insert_org_unit(&unit(
                    Some(commune_id),
                    OrgUnitKind::Village,
                    &village_name,
                    &format!("QT-{c}-{}", t + 1),
                ))
                .await?;
            let team_id = store
                .insert_team(&NewTeam {
                    commune_id,
                    name: format!("Tổ bảo vệ ANTT {village_word} {village}"),
                    kind,
                    member_quota: 5,
                    operating_since: since,
                    village_ids: vec![village_id],
                })
                .await?;
            // Teams of 3 to 5, so some stand below the quota of 5 as real ones do.
            let size = 3 + (t * 5 + c) % 3;
            for m in 1..=size {
                person += 1;
                let name = person_name(person);
                let phone = format!("091{c:02}{:02}{m:03}", t + 1);
                let user_id = user(&phone, &name).await?;
                let position = match m {
                    1 => Position::Leader,
                    2 => Position::Deputy,
                    _ => Position::Member,
                };
                let entry = RosterEntry {
                    date_of_birth: Some(date(
                        1962 + (person * 7 % 38) as i32,
                        1 + (person % 12) as u32,
                        1 + (person % 28) as u32,
                    )),
                    residence: village_name.clone(),
                    phone: Some(phone),
                    origin: Some(
                        [
                            Origin::FormerCommunePolice,
                            Origin::CivilDefence,
                            Origin::NewlySelected,
                        ][person % 3],
                    ),
                    party_member: person.is_multiple_of(3),
                    education: Some(
                        [
                            Education::LowerSecondary,
                            Education::UpperSecondary,
                            Education::Vocational,
                        ][person % 3],
                    ),
                    gender: Some(if person % 4 == 1 {
                        Gender::Female
                    } else {
                        Gender::Male
                    }),
                    resident_since: Some(date(2000, 1, 1)),
                    area_id: Some(village_id),
                    appointed_on: Some(since),
                    decision_no: format!("{}/QĐ-UBND", 100 + t),
                    certificate_no: format!("GCN-{c}{:02}{m}", t + 1),
                    badge_issued: true,
                    equipment: "Đèn pin, gậy cao su, áo mưa, sổ ghi chép".into(),
                    training: "Tập huấn nghiệp vụ 08/2024".into(),
                    ..RosterEntry::new(&name, position)
                };
                store
                    .insert_member(&NewMember {
                        team_id,
                        user_id: Some(user_id),
                        entry,
                        joined_on: since,
                    })
                    .await?;
            }
        }
    }
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// True when any demo account exists: the database was loaded by the demo loader, and its
/// accounts' password is the published one.
pub async fn is_loaded(store: &dyn Store) -> Result<bool, ServiceError> {
    for login in LOGINS {
        if store.user_by_phone(login.phone).await?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn banner() -> String {
    let mut s = format!("Demo logins (password for all: {PASSWORD}):\n");
    for l in LOGINS {
        s.push_str(&format!("  {:<34} {}  {}\n", l.role, l.phone, l.place));
    }
    s
}
