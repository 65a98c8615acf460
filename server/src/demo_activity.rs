//! Three months of plausible activity for every demo team, so that feeds, month views and
//! indicators have something to show. Deterministic for a given `now`; fictional throughout.

use app::domain::indicators::campaign::{thai_binh_2024, Campaign};
use app::domain::local_time::{from_local, local_date, YearMonth};
use app::domain::records::activity::{Activity, Details};
use app::domain::records::deed::{Commendation, GoodDeed};
use app::domain::records::incident::{Action, Incident, Presence};
use app::domain::records::patrol::Patrol;
use app::domain::records::tip::{Assessment, Channel, TipOff};
use app::domain::records::RecordBody;
use app::services::store::{InformantRow, RecordRow, Store};
use app::services::ServiceError;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// A small deterministic generator: the same demo on every machine.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    from_local(day.and_hms_opt(hour, minute, 0).expect("valid demo time"))
}

const AREAS: [&str; 4] = [
    "Đường liên thôn",
    "Khu chợ và bến đò",
    "Bãi sông, trạm bơm",
    "Quanh nhà văn hóa thôn",
];
const INCIDENTS: [(&str, &str); 4] = [
    (
        "public_order",
        "Hai nhóm thanh niên cãi nhau, có nguy cơ đánh nhau",
    ),
    ("traffic_accident", "Va chạm xe máy, một người bị xây xát"),
    ("fire", "Cháy đống rơm gần nhà dân"),
    ("theft", "Mất trộm xe đạp tại nhà văn hóa"),
];

/// Adds activity for the 90 days before yesterday to every team of the demo province,
/// and this year's campaign, copied from the seed 002 preset.
pub async fn load(store: &dyn Store, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let today = local_date(now);
    for root in store.root_units().await? {
        // The seed 002 plan as it was issued (10/2024–07/2025), and this year's copy.
        store.insert_campaign(&thai_binh_2024(root.id)).await?;
        store.insert_campaign(&campaign(root.id, today)).await?;
        for (t, team) in store.teams_under(root.id).await?.into_iter().enumerate() {
            let members = store.team_members(team.id).await?;
            let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
            let users: Vec<i64> = members.iter().filter_map(|m| m.user_id).collect();
            if users.is_empty() {
                continue;
            }
            let mut dice = Dice(team.id as u64 * 7919 + t as u64);
            let mut n = 0u32;
            // From two days back, so that no generated time (a night patrol ends after
            // midnight) can lie in the future, whatever the hour of loading.
            for days_ago in (2..=91).rev() {
                let day = today - Duration::days(days_ago);
                let author = users[dice.roll(users.len() as u64) as usize];
                for body in bodies_for_day(&mut dice, day, &ids) {
                    n += 1;
                    let informant = match &body {
                        RecordBody::TipOff(_) if dice.roll(3) > 0 => Some(InformantRow {
                            name: format!("Người dân thôn (số {})", dice.roll(90) + 10),
                            phone: Some(format!("098{:07}", dice.roll(9_999_999))),
                        }),
                        _ => None,
                    };
                    insert(store, team.id, author, n, &body, informant.as_ref(), now).await?;
                }
            }
        }
    }
    Ok(())
}

/// The seed 002 campaign as a province would copy it for its own year: the same
/// targets, over the twelve months around `today`, in two phases.
pub fn campaign(province: i64, today: NaiveDate) -> Campaign {
    let start = YearMonth::of_date(today - Duration::days(120)).first_day();
    let month = |n: u32| {
        let mut m = YearMonth::of_date(start);
        for _ in 0..n {
            m = m.next();
        }
        m.first_day()
    };
    let mut c = thai_binh_2024(province);
    c.name = format!(
        "Phong trào thi đua đặc biệt năm {} (bản sao mẫu Thái Bình)",
        start.year()
    );
    c.issued_by = "Ban Chỉ đạo 138 tỉnh (dữ liệu minh họa)".into();
    c.starts_on = start;
    c.ends_on = month(12) - Duration::days(1);
    c.phases[0].starts_on = start;
    c.phases[0].ends_on = month(6) - Duration::days(1);
    c.phases[1].starts_on = month(6);
    c.phases[1].ends_on = c.ends_on;
    c
}

// Long on purpose: one day of a demo team's life written out kind by kind, so the demo
// shows every indicator with believable numbers.
fn bodies_for_day(dice: &mut Dice, day: NaiveDate, ids: &[i64]) -> Vec<RecordBody> {
    let mut out = Vec::new();
    let crew = |dice: &mut Dice| -> Vec<i64> {
        let k = 2 + dice.roll(ids.len().saturating_sub(1) as u64) as usize;
        let start = dice.roll(ids.len() as u64) as usize;
        (0..k.min(ids.len()))
            .map(|i| ids[(start + i) % ids.len()])
            .collect()
    };
    // Patrols about twice a week, mostly at night.
    if dice.roll(7) < 2 {
        let start = at(day, 20 + dice.roll(3) as u32, 0);
        out.push(RecordBody::Patrol(Patrol {
            started_at: start,
            ended_at: Some(start + Duration::minutes(120 + 30 * dice.roll(5) as i64)),
            participants: crew(dice),
            area: AREAS[dice.roll(4) as usize].into(),
            observations: [
                "Tình hình yên tĩnh",
                "Nhắc nhở nhóm thanh niên tụ tập khuya",
                "Phát hiện cổng trạm bơm không khóa, đã báo chủ hộ",
            ][dice.roll(3) as usize]
                .into(),
            mobilised: dice.roll(10) == 0,
            track: Vec::new(),
            incidents: Vec::new(),
        }));
    }
    if dice.roll(20) == 0 {
        let (category, what) = INCIDENTS[dice.roll(4) as usize];
        let occurred = at(day, 9 + dice.roll(10) as u32, 10);
        let learned = occurred + Duration::minutes(2 + dice.roll(10) as i64);
        let presence = if dice.roll(6) == 0 {
            Presence::NotPresent
        } else {
            Presence::Arrived {
                at: learned + Duration::minutes(3 + dice.roll(25) as i64),
            }
        };
        out.push(RecordBody::Incident(Incident {
            category: category.into(),
            occurred_at: occurred,
            location: what.into(),
            lat: None,
            lon: None,
            learned_at: learned,
            presence,
            mobilised: category == "fire" || dice.roll(3) == 0,
            actions: vec![Action::Stopped, Action::HandedToPolice],
            outcome: "Đã báo cáo Công an xã".into(),
        }));
    }
    if dice.roll(12) == 0 {
        let received = at(day, 7 + dice.roll(12) as u32, 30);
        out.push(RecordBody::TipOff(TipOff {
            received_at: received,
            channel: [Channel::InPerson, Channel::PhoneCall, Channel::Message]
                [dice.roll(3) as usize],
            category: ["drugs", "gambling", "suspicious_person"][dice.roll(3) as usize].into(),
            content: "Người dân phản ánh có người lạ thường xuyên lui tới lúc đêm khuya".into(),
            forwarded_at: Some(received + Duration::minutes(10 + dice.roll(50) as i64)),
            // The commune police have assessed most tips that reached them.
            assessment: (dice.roll(4) > 0).then(|| Assessment {
                valuable: dice.roll(3) > 0,
                outcome: "Đã xác minh, bàn giao Công an xã theo dõi".into(),
            }),
        }));
    }
    if dice.roll(25) == 0 {
        out.push(RecordBody::GoodDeed(GoodDeed {
            date: day,
            description: [
                "Giúp gia đình neo đơn dọn dẹp sau mưa lũ",
                "Trả lại ví nhặt được cho người đánh rơi",
                "Đưa người bị ngã xe đi trạm y tế",
            ][dice.roll(3) as usize]
                .into(),
            members: crew(dice),
            beneficiary: "Hộ dân trong thôn".into(),
            commendation: (dice.roll(5) == 0).then(|| Commendation {
                member_id: ids[0],
                by: "UBND xã".into(),
            }),
        }));
    }
    // The monthly meeting on the 25th (seed 000: sinh hoạt định kỳ hàng tháng), where
    // most teams also report on the movement model they keep (seed 002 §II.4.2).
    if day.format("%d").to_string() == "25" {
        if dice.roll(3) > 0 {
            out.push(activity(
                day,
                Details::Model {
                    name: "Camera an ninh tự quản".into(),
                    recognised_by: "Công an tỉnh".into(),
                    effective: dice.roll(5) > 0,
                },
            ));
        }
        out.push(activity(
            day,
            Details::Meeting {
                attendees: ids.to_vec(),
                decisions: "Phân công lịch tuần tra tháng tới".into(),
            },
        ));
    }
    if dice.roll(30) == 0 {
        let details = match dice.roll(7) {
            0 => Details::Mediation {
                parties: 2,
                resolved: dice.roll(4) > 0,
            },
            1 => Details::Awareness {
                topic: "Phòng chống ma túy và cháy nổ".into(),
                attendees: 20 + dice.roll(40) as u32,
            },
            2 => {
                let gathered = 3 + dice.roll(10) as u32;
                Details::HouseholdInfo {
                    gathered,
                    passed_to_police: gathered - dice.roll(2) as u32,
                }
            }
            3 => Details::Reintegration {
                person: "Một người mới chấp hành xong án phạt tù".into(),
                reoffended: false,
            },
            4 => Details::WeaponsHandIn {
                items: 1,
                description: "Dao tự chế".into(),
            },
            5 => Details::BusinessCheck {
                business: "Nhà nghỉ ven đường".into(),
                violation_found: dice.roll(8) == 0,
            },
            _ => Details::Training {
                topic: "Kỹ năng sơ cứu".into(),
                attendees: crew(dice),
            },
        };
        out.push(activity(day, details));
    }
    out
}

fn activity(date: NaiveDate, details: Details) -> RecordBody {
    RecordBody::Activity(Activity {
        date,
        details,
        notes: String::new(),
    })
}

async fn insert(
    store: &dyn Store,
    team_id: i64,
    author_id: i64,
    n: u32,
    body: &RecordBody,
    informant: Option<&InformantRow>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let logged = (body.occurred_at() + Duration::hours(3)).min(now);
    let row = RecordRow {
        // Demo ids are UUID-shaped and stable: team and sequence number.
        id: format!("de000000-0000-4000-8000-{:06x}{:06x}", team_id, n),
        team_id,
        kind: body.kind().as_str().to_owned(),
        author_id,
        occurred_at: body.occurred_at(),
        month: YearMonth::of_instant(body.occurred_at()).key(),
        body: serde_json::to_string(body).map_err(|e| ServiceError::Internal(e.to_string()))?,
        version: 1,
        created_at: logged,
        updated_at: logged,
        deleted_at: None,
    };
    Ok(store.insert_record(&row, informant, None).await?)
}
