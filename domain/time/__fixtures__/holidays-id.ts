/**
 * Test fixture: a verbatim copy of the shared seed `data/holidays-id.json` (2025–2026, SKB 3 Menteri), so
 * that the time tests run against the real national calendar without reading files. Test-only.
 */
export const HOLIDAY_SEED_2025_2026: unknown = {
  "description": "Indonesian national public holidays (libur nasional) and collective leave (cuti bersama) as set by the joint ministerial decrees (SKB 3 Menteri). Seed data for the working-day calendar: the government changes these lists (2025's was amended in August 2025 to add 18 Aug), so the application must let a supervisor edit them.",
  "timezone": "Asia/Makassar",
  "sources": {
    "2025": "SKB No. 1017/2024, 2/2024, 2/2024 as amended by SKB No. 933/2025, 1/2025, 3/2025",
    "2026": "SKB No. 1497/2025, 2/2025, 5/2025"
  },
  "years": {
    "2025": {
      "libur_nasional": [
        {
          "date": "2025-01-01",
          "name": "Tahun Baru 2025 Masehi"
        },
        {
          "date": "2025-01-27",
          "name": "Isra Mikraj Nabi Muhammad SAW"
        },
        {
          "date": "2025-01-29",
          "name": "Tahun Baru Imlek 2576 Kongzili"
        },
        {
          "date": "2025-03-29",
          "name": "Hari Suci Nyepi Tahun Baru Saka 1947"
        },
        {
          "date": "2025-03-31",
          "name": "Idul Fitri 1446 Hijriah"
        },
        {
          "date": "2025-04-01",
          "name": "Idul Fitri 1446 Hijriah"
        },
        {
          "date": "2025-04-18",
          "name": "Wafat Yesus Kristus"
        },
        {
          "date": "2025-04-20",
          "name": "Kebangkitan Yesus Kristus (Paskah)"
        },
        {
          "date": "2025-05-01",
          "name": "Hari Buruh Internasional"
        },
        {
          "date": "2025-05-12",
          "name": "Hari Raya Waisak 2569 BE"
        },
        {
          "date": "2025-05-29",
          "name": "Kenaikan Yesus Kristus"
        },
        {
          "date": "2025-06-01",
          "name": "Hari Lahir Pancasila"
        },
        {
          "date": "2025-06-06",
          "name": "Idul Adha 1446 Hijriah"
        },
        {
          "date": "2025-06-27",
          "name": "1 Muharam Tahun Baru Islam 1447 Hijriah"
        },
        {
          "date": "2025-08-17",
          "name": "Proklamasi Kemerdekaan"
        },
        {
          "date": "2025-09-05",
          "name": "Maulid Nabi Muhammad SAW"
        },
        {
          "date": "2025-12-25",
          "name": "Kelahiran Yesus Kristus"
        }
      ],
      "cuti_bersama": [
        {
          "date": "2025-01-28",
          "name": "Cuti Bersama Tahun Baru Imlek"
        },
        {
          "date": "2025-03-28",
          "name": "Cuti Bersama Hari Suci Nyepi"
        },
        {
          "date": "2025-04-02",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2025-04-03",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2025-04-04",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2025-04-07",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2025-05-13",
          "name": "Cuti Bersama Waisak"
        },
        {
          "date": "2025-05-30",
          "name": "Cuti Bersama Kenaikan Yesus Kristus"
        },
        {
          "date": "2025-06-09",
          "name": "Cuti Bersama Idul Adha"
        },
        {
          "date": "2025-08-18",
          "name": "Cuti Bersama Proklamasi Kemerdekaan"
        },
        {
          "date": "2025-12-26",
          "name": "Cuti Bersama Kelahiran Yesus Kristus"
        }
      ]
    },
    "2026": {
      "libur_nasional": [
        {
          "date": "2026-01-01",
          "name": "Tahun Baru 2026 Masehi"
        },
        {
          "date": "2026-01-16",
          "name": "Isra Mikraj Nabi Muhammad SAW"
        },
        {
          "date": "2026-02-17",
          "name": "Tahun Baru Imlek 2577 Kongzili"
        },
        {
          "date": "2026-03-19",
          "name": "Hari Suci Nyepi Tahun Baru Saka 1948"
        },
        {
          "date": "2026-03-21",
          "name": "Idul Fitri 1447 Hijriah"
        },
        {
          "date": "2026-03-22",
          "name": "Idul Fitri 1447 Hijriah"
        },
        {
          "date": "2026-04-03",
          "name": "Wafat Yesus Kristus"
        },
        {
          "date": "2026-04-05",
          "name": "Kebangkitan Yesus Kristus (Paskah)"
        },
        {
          "date": "2026-05-01",
          "name": "Hari Buruh Internasional"
        },
        {
          "date": "2026-05-14",
          "name": "Kenaikan Yesus Kristus"
        },
        {
          "date": "2026-05-27",
          "name": "Idul Adha 1447 Hijriah"
        },
        {
          "date": "2026-05-31",
          "name": "Hari Raya Waisak 2570 BE"
        },
        {
          "date": "2026-06-01",
          "name": "Hari Lahir Pancasila"
        },
        {
          "date": "2026-06-16",
          "name": "1 Muharam Tahun Baru Islam 1448 Hijriah"
        },
        {
          "date": "2026-08-17",
          "name": "Proklamasi Kemerdekaan"
        },
        {
          "date": "2026-08-25",
          "name": "Maulid Nabi Muhammad SAW"
        },
        {
          "date": "2026-12-25",
          "name": "Kelahiran Yesus Kristus"
        }
      ],
      "cuti_bersama": [
        {
          "date": "2026-02-16",
          "name": "Cuti Bersama Tahun Baru Imlek"
        },
        {
          "date": "2026-03-18",
          "name": "Cuti Bersama Hari Suci Nyepi"
        },
        {
          "date": "2026-03-20",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2026-03-23",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2026-03-24",
          "name": "Cuti Bersama Idul Fitri"
        },
        {
          "date": "2026-05-15",
          "name": "Cuti Bersama Kenaikan Yesus Kristus"
        },
        {
          "date": "2026-05-28",
          "name": "Cuti Bersama Idul Adha"
        },
        {
          "date": "2026-12-24",
          "name": "Cuti Bersama Kelahiran Yesus Kristus"
        }
      ]
    }
  },
  "office_hours_default": {
    "note": "Perpres 21/2023: 37.5 h/week Mon-Fri, start 07:30 local time; breaks 60 min (Mon-Thu), 90 min (Fri). Counter hours vary by office: configurable.",
    "mon_thu": [
      "07:30",
      "16:00"
    ],
    "fri": [
      "07:30",
      "16:30"
    ]
  }
};
