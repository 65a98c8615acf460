-- Public holidays (Labour Code 2019 Art. 112): a patrol on one of these days earns the
-- holiday rate (Law 30/2023 Art. 23). Data, because the government announces each
-- year's Tết and bridging days; seeded with the days that are certain in advance.
CREATE TABLE holidays (
    day      TEXT NOT NULL PRIMARY KEY,
    name_vi  TEXT NOT NULL,
    name_en  TEXT NOT NULL
);

INSERT INTO holidays (day, name_vi, name_en) VALUES
    ('2025-01-01', 'Tết Dương lịch', 'New Year''s Day'),
    ('2025-01-29', 'Tết Nguyên đán (mùng 1)', 'Lunar New Year (day 1)'),
    ('2025-01-30', 'Tết Nguyên đán (mùng 2)', 'Lunar New Year (day 2)'),
    ('2025-01-31', 'Tết Nguyên đán (mùng 3)', 'Lunar New Year (day 3)'),
    ('2025-04-07', 'Giỗ Tổ Hùng Vương', 'Hung Kings'' Commemoration'),
    ('2025-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2025-05-01', 'Quốc tế Lao động', 'International Labour Day'),
    ('2025-09-02', 'Quốc khánh', 'National Day'),
    ('2026-01-01', 'Tết Dương lịch', 'New Year''s Day'),
    ('2026-02-17', 'Tết Nguyên đán (mùng 1)', 'Lunar New Year (day 1)'),
    ('2026-02-18', 'Tết Nguyên đán (mùng 2)', 'Lunar New Year (day 2)'),
    ('2026-02-19', 'Tết Nguyên đán (mùng 3)', 'Lunar New Year (day 3)'),
    ('2026-04-26', 'Giỗ Tổ Hùng Vương', 'Hung Kings'' Commemoration'),
    ('2026-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2026-05-01', 'Quốc tế Lao động', 'International Labour Day'),
    ('2026-09-02', 'Quốc khánh', 'National Day'),
    ('2027-01-01', 'Tết Dương lịch', 'New Year''s Day'),
    ('2027-02-06', 'Tết Nguyên đán (mùng 1)', 'Lunar New Year (day 1)'),
    ('2027-02-07', 'Tết Nguyên đán (mùng 2)', 'Lunar New Year (day 2)'),
    ('2027-02-08', 'Tết Nguyên đán (mùng 3)', 'Lunar New Year (day 3)'),
    ('2027-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2027-05-01', 'Quốc tế Lao động', 'International Labour Day'),
    ('2027-09-02', 'Quốc khánh', 'National Day');
