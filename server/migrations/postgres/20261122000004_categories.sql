-- The taxonomy of incidents and tip-offs: data, so that a category can be added,
-- renamed or retired without a new release. Records keep the code in their body;
-- a retired category (active false) stays readable but cannot be chosen again.
CREATE TABLE categories (
    domain    TEXT NOT NULL CHECK (domain IN ('incident', 'tip')),
    code      TEXT NOT NULL,
    name_vi   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    active    BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (domain, code)
);

INSERT INTO categories (domain, code, name_vi, name_en, position) VALUES
    ('incident', 'public_order',      'Gây rối trật tự công cộng',        'Public disorder',                1),
    ('incident', 'violence',          'Đánh nhau, cố ý gây thương tích',  'Fighting, assault',              2),
    ('incident', 'theft',             'Trộm cắp tài sản',                 'Theft',                          3),
    ('incident', 'robbery',           'Cướp, cướp giật tài sản',          'Robbery, bag snatching',         4),
    ('incident', 'drugs',             'Ma túy',                           'Drugs',                          5),
    ('incident', 'gambling',          'Cờ bạc',                           'Gambling',                       6),
    ('incident', 'prostitution',      'Mại dâm',                          'Prostitution',                   7),
    ('incident', 'domestic_violence', 'Bạo lực gia đình',                 'Domestic violence',              8),
    ('incident', 'dispute',           'Tranh chấp, mâu thuẫn',            'Dispute',                        9),
    ('incident', 'traffic_accident',  'Tai nạn giao thông',               'Traffic accident',              10),
    ('incident', 'fire',              'Cháy, nổ',                         'Fire, explosion',               11),
    ('incident', 'rescue',            'Cứu nạn, cứu hộ',                  'Rescue',                        12),
    ('incident', 'other',             'Vụ việc khác',                     'Other',                         13),
    ('tip',      'drugs',             'Ma túy',                           'Drugs',                          1),
    ('tip',      'gambling',          'Cờ bạc',                           'Gambling',                       2),
    ('tip',      'theft',             'Trộm cắp tài sản',                 'Theft',                          3),
    ('tip',      'prostitution',      'Mại dâm',                          'Prostitution',                   4),
    ('tip',      'suspicious_person', 'Người lạ, đối tượng khả nghi',     'Stranger or suspicious person',  5),
    ('tip',      'public_order',      'Gây rối trật tự công cộng',        'Public disorder',                6),
    ('tip',      'weapons',           'Vũ khí, vật liệu nổ',              'Weapons, explosives',            7),
    ('tip',      'other',             'Tin khác',                         'Other',                          8);
