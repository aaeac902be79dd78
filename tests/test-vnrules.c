/* test-vnrules.c — Vietnamese break rules on real-looking sentences.
 *
 * Most texts are paragraphs of samples/bac-tu-liem.txt.  A check names the
 * space by its neighbours: "hơn 7|năm" is the space between "7" and "năm"
 * in the first occurrence of "hơn 7 năm".  Expected penalties use the
 * defaults: INF (TS_PENALTY_INFINITY) for number_unit, abbreviation,
 * punctuation and last_space; 500 for date; 150 for name and short_last.
 */
#include "vnrules.h"

#include <string.h>

#define INF TS_PENALTY_INFINITY

typedef struct
{
  const char *pattern; /* text with one '|' in place of the space */
  int expected;
} Check;

/* The byte offsets of every ASCII space in @text. */
static GArray *
space_offsets (const char *text)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (int));

  for (int i = 0; text[i] != '\0'; i++)
    if (text[i] == ' ')
      g_array_append_val (a, i);
  return a;
}

/* The penalty of the space @pattern names in @text. */
static int
penalty_at (const char *text, GArray *offsets, const int *penalties, const char *pattern)
{
  g_autofree char *needle = g_strdup (pattern);
  char *bar = strchr (needle, '|');
  const char *hit;
  int space;

  g_assert_nonnull (bar);
  *bar = ' ';
  hit = strstr (text, needle);
  if (hit == NULL)
    g_error ("pattern “%s” not in the text", pattern);
  space = (int) (hit - text) + (int) (bar - needle);
  for (guint i = 0; i < offsets->len; i++)
    if (g_array_index (offsets, int, i) == space)
      return penalties[i];
  g_error ("no space offered at “%s”", pattern);
  return -1;
}

/* Run the default rules over @text and compare every check. */
static void
check_text (const char *text, const TsVnRules *rules, const Check *checks, int n_checks)
{
  TsVnRules defaults;
  GArray *offsets = space_offsets (text);
  int *penalties = g_new0 (int, offsets->len + 1);

  if (rules == NULL)
    {
      ts_vn_rules_init (&defaults);
      rules = &defaults;
    }
  ts_vn_space_penalties (text, -1, (const int *) offsets->data, offsets->len, rules, penalties);
  for (int i = 0; i < n_checks; i++)
    {
      int got = penalty_at (text, offsets, penalties, checks[i].pattern);

      if (got != checks[i].expected)
        g_error ("“%s”: penalty %d, expected %d", checks[i].pattern, got, checks[i].expected);
    }
  /* Every penalty is in range whatever the text. */
  for (guint i = 0; i < offsets->len; i++)
    g_assert_true (penalties[i] >= 0 && penalties[i] <= INF);
  g_free (penalties);
  g_array_unref (offsets);
}

#define CHECK(text, ...)                                                                           \
  do                                                                                               \
    {                                                                                              \
      static const Check checks_[] = { __VA_ARGS__ };                                              \
      check_text ((text), NULL, checks_, G_N_ELEMENTS (checks_));                                  \
    }                                                                                              \
  while (0)

/* ---------------------------------------------------------------------- */

static const char para1[]
    = "Theo đó, từ ngày thành lập (1/4/2014) Công an quận Bắc Từ Liêm và đến nay đã trải qua "
      "hơn 7 năm xây dựng và phát triển, Công an quận Bắc Từ Liêm đã gặt hái nhiều thành tích "
      "được chính quyền các cấp, Bộ Công an, Công an thành phố và nhân dân ghi nhận.";

static const char para3[]
    = "Mặc dù quân số ít, chỉ tiêu công tác luôn được cấp trên giao cao nhưng cán bộ, chiến sỹ "
      "công an quận đã khắc phục khó khăn, cố gắng phấn đấu hoàn thành tốt mọi nhiệm vụ được "
      "giao, an ninh chính trị được giữ vững: tội phạm và tệ nạn xã hội được kiềm chế; tỷ lệ "
      "điều tra khám phá chung đạt 80%; tỷ lệ điều tra khám phá trọng án đạt 100%; bắt giữ, xử "
      "lý nhiều vụ án lớn có tiếng vang…";

static const char para4[]
    = "Nhiều năm liền công an quận là đơn vị dẫn đầu trong phong trào thi đua Vì An ninh tổ "
      "quốc, được Bộ Công an, Công an TP Hà Nội tặng huân, huy chương, bằng khen, giấy khen, "
      "đặc biệt trong năm 2020, Công an quận Bắc Từ Liêm là đơn vị đầu tiên trong công an 30 "
      "quận huyện được Thủ tướng Chính phủ tặng cờ đơn vị thi đua xuất sắc.";

static const char para7[] = "Lực lượng Công an quận Bắc Từ Liêm diễn tập giải cứu con tin.";

static const char para9[]
    = "Sau nhiều ngày lên chủ trương, xây dựng văn bản dự thảo và lấy ý kiến đóng góp của các "
      "đồng chí trong Ban thường vụ quận ủy, ngày 29/4/2021, Quận ủy Bắc Từ Liêm đã ban hành "
      "Nghị quyết số 22-NQ/QU về tăng cường sự lãnh đạo của Đảng về xây dựng lực lượng Công an "
      "quận Bắc Từ Liêm đạt “Đơn vị kiểu mẫu trong công tác công an”.";

static void
test_rules_init (void)
{
  TsVnRules r;

  ts_vn_rules_init (&r);
  g_assert_cmpint (r.number_unit, ==, INF);
  g_assert_cmpint (r.date, ==, 500);
  g_assert_cmpint (r.abbreviation, ==, INF);
  g_assert_cmpint (r.name, ==, 150);
  g_assert_cmpint (r.punctuation, ==, INF);
  g_assert_cmpint (r.last_space, ==, INF);
  g_assert_cmpint (r.short_last, ==, 150);
  g_assert_cmpint (r.short_last_length, ==, 2);
}

/* A number keeps its unit or counted noun. */
static void
test_number_unit (void)
{
  CHECK (para1, { "hơn 7|năm", INF },  /* seven years */
         { "qua hơn|7", 0 },           /* before the number: free */
         { "7 năm|xây", 0 });          /* "năm" here is the unit, not a date word */
  CHECK (para4, { "an 30|quận", INF }, /* 30 districts */
         { "công an|30", 0 });
  CHECK ("Dự án 1,5 tỷ đồng dài 12 km, đạt 80 % kế hoạch và 1.234,5 m² đất mỗi năm.",
         { "1,5|tỷ", INF }, { "tỷ|đồng", INF }, /* the magnitude passes the keep on */
         { "đồng|dài", 0 }, { "12|km,", INF }, { "km,|đạt", 0 },
         { "80|%", INF }, /* a detached percent sign */
         { "%|kế", 0 }, { "1.234,5|m²", INF });
  CHECK ("Giá 100 USD mỗi tháng, chi thêm 5 $ cho phí.",
         { "100|USD", INF }, /* an upper-case unit */
         { "USD|mỗi", 0 },   /* a unit code is no abbreviation */
         { "5|$", INF });
}

/* Where a number is not a quantity, or punctuation ends it. */
static void
test_number_negative (void)
{
  CHECK (para4, { "năm|2020,", 500 }, /* a year: the date rule, softly */
         { "2020,|Công", 0 });        /* the clause ends after the year */
  CHECK ("Trong năm 2020 và năm 2021 đều có 3 Phó Giám đốc mới, tăng thêm 7.", { "năm|2020", 500 },
         { "2020|và", 0 }, /* a year, not "2020 units of và" */
         { "năm|2021", 500 }, { "2021|đều", 0 },
         { "3|Phó", 0 },      /* a capital after a number starts a name */
         { "thêm|7.", INF }); /* ... the last space, not a unit */
  CHECK ("Từ ngày 29/4/2021 tại Hà Nội có ba người đến.",
         { "29/4/2021|tại", 0 }); /* a date is no bare number */
}

static void
test_date (void)
{
  CHECK (para9, { "ngày|29/4/2021,", 500 }, { "29/4/2021,|Quận", 0 },
         { "nhiều|ngày", 0 }, /* "ngày" before a word: free */
         { "ngày|lên", 0 });
  CHECK ("Ký ngày 05 tháng 02 năm 2021 tại Hà Nội và công bố Tháng 5/2021, quý 3 năm nay.",
         { "ngày|05", 500 }, { "05|tháng", 500 }, /* inside a spelled-out date */
         { "tháng|02", 500 }, { "02|năm", 500 }, { "năm|2021", 500 }, { "2021|tại", 0 },
         { "Tháng|5/2021,", 500 },           /* case does not matter */
         { "quý|3", 500 }, { "3|năm", 500 }, /* "quý 3 năm nay": the date runs on */
         { "năm|nay.", INF });               /* the last space */
}

static void
test_abbreviation (void)
{
  CHECK (para4, { "an TP|Hà", INF }, { "an|TP", 0 },
         { "Hà|Nội", 150 }, /* and the city's name, softly */
         { "Nội|tặng", 0 });
  CHECK ("Chiều nay, UBND xã và HĐND huyện họp với PGS.TS Trần Văn B, ThS. Lê C, Th.S Đỗ D, "
         "GS. Hà E ở Q. 1 và TP. Hồ Chí Minh, rồi báo cáo TW đầy đủ.",
         { "UBND|xã", INF }, { "HĐND|huyện", INF }, /* Đ is an acronym letter */
         { "PGS.TS|Trần", INF }, { "ThS.|Lê", INF }, { "Th.S|Đỗ", INF }, { "GS.|Hà", INF },
         { "Q.|1", INF }, { "TP.|Hồ", INF }, { "TW|đầy", INF }, { "với|PGS.TS", 0 });
}

static void
test_abbreviation_negative (void)
{
  CHECK ("Ông Nguyễn Văn A đã báo cáo theo UBND, quận giao cho UBND. Sau đó ông về.",
         { "A|đã", 0 },       /* a bare initial, not an abbreviation */
         { "Văn|A", 150 },    /* but part of the name */
         { "UBND,|quận", 0 }, /* a comma ends it */
         { "UBND.|Sau", 0 }); /* a dot after four letters ends a sentence */
  /* A heading in capitals: every syllable would look like an acronym. */
  CHECK ("CÔNG AN QUẬN BẮC TỪ LIÊM ĐẠT ĐƠN VỊ KIỂU MẪU TRONG CÔNG TÁC AN NINH", { "CÔNG|AN", 0 },
         { "AN|QUẬN", 0 }, { "TỪ|LIÊM", 0 }, { "AN|NINH", INF }); /* still the last space */
}

static void
test_name (void)
{
  CHECK (para1, { "quận Bắc|Từ", 150 }, { "Từ|Liêm và", 150 }, { "Liêm|và", 0 }, { "quận|Bắc", 0 },
         { "cấp,|Bộ", 0 }, { "Bộ|Công an,", 150 }, /* after a comma: mid-sentence */
         { "Công|an,", 0 }, { "(1/4/2014)|Công", 0 });
  CHECK (para4, { "Vì|An", 150 }, { "Thủ|tướng", 0 }, { "tướng|Chính", 0 });
  CHECK (para7, { "Lực|lượng", 0 }, { "quận Bắc|Từ", 150 }, { "Liêm|diễn", 0 });
}

/* The first word of a sentence is capitalised anyway. */
static void
test_name_sentence_start (void)
{
  CHECK ("Theo Bộ Công an thì xong việc. Theo Bộ Công an thì xong.",
         { "Theo|Bộ", 0 }, /* the paragraph's first word */
         { "Bộ|Công", 150 });
  CHECK ("Anh nói: “Xong rồi.” Bộ Công an sẽ báo cáo. Hà Nội đồng ý! Đà Nẵng cũng vậy.",
         { "rồi.”|Bộ", 0 }, { "Bộ|Công", 0 },   /* first word after . and a closing quote */
         { "báo cáo.|Hà", 0 }, { "Hà|Nội", 0 }, /* after "." : a sentence start, missed */
         { "Đà|Nẵng", 0 });                     /* after "!" */
}

static void
test_punctuation (void)
{
  CHECK ("Quận đạt « Đơn vị kiểu mẫu » trong năm nay ( xem phụ lục ) và ghi chú : đủ cả rồi.",
         { "đạt|«", 0 }, { "«|Đơn", INF }, /* after a detached opening mark */
         { "mẫu|»", INF },                 /* before a detached closing mark */
         { "»|trong", 0 }, { "(|xem", INF }, { "lục|)", INF }, { "chú|:", INF }, { ":|đủ", 0 });
  CHECK ("Tuyến Hà Nội – Hải Phòng mới mở — rất nhanh và tốt lắm.", { "Hà|Nội", 150 },
         { "Nội|–", INF }, /* the dash ends the line */
         { "–|Hải", 0 },   /* and the break comes after it */
         { "Hải|Phòng", 150 }, { "mở|—", INF }, { "—|rất", 0 });
  CHECK ("– Anh đi đâu đấy hả?", { "–|Anh", INF }); /* a dialogue dash */
  /* A hyphen-minus standing for a dash keeps both neighbours: at a line end
   * pdftotext would take it for a hyphenation and drop it. */
  CHECK ("mùa khô năm 2019 - 2020 đã qua.", { "2019|-", INF }, { "-|2020", INF });
  CHECK (para9, { "đạt|“Đơn", 0 }, { "“Đơn|vị", 0 });
}

static void
test_last_space (void)
{
  CHECK (para7, { "con|tin.", INF }, { "cứu|con", 0 }); /* "tin." is 3 letters */
  CHECK (para1, { "ghi|nhận.", INF }, { "dân|ghi", 0 });
  CHECK (para3, { "tiếng|vang…", INF }, { "đạt|80%;", 0 }, { "80%;|tỷ", 0 }, { "đạt|100%;", 0 });
  /* A short last word: the space before the last two is softly kept too. */
  CHECK (para9, { "công|an”.", INF }, { "tác|công", 150 }, { "trong|công", 0 });
  CHECK ("Chúng tôi về nhà đi ạ.", { "đi|ạ.", INF }, { "nhà|đi", 150 }, { "về|nhà", 0 });
  /* A closing mark set off at the end is not the last word. */
  CHECK ("Họ giải cứu con tin »", { "con|tin", INF }, { "tin|»", INF }, { "cứu|con", 0 });
  /* Trailing spaces are no breaks worth pricing. */
  CHECK ("giải cứu con tin.  ", { "con|tin.", INF }, { "tin.| ", 0 });
}

static void
test_rules_override (void)
{
  static const Check checks[] = {
    { "hơn 7|năm", 0 },
    { "quận Bắc|Từ", 0 },
    { "ghi|nhận.", 42 },
    { "từ ngày|thành", 0 },
  };
  static const Check date_checks[]
      = { { "ngày|29/4/2021,", 700 }, { "công|an”.", 0 }, { "tác|công", 0 } };
  TsVnRules r;

  ts_vn_rules_init (&r);
  r.number_unit = 0;
  r.name = 0;
  r.last_space = 42;
  check_text (para1, &r, checks, G_N_ELEMENTS (checks));
  ts_vn_rules_init (&r);
  r.date = 700;
  r.last_space = 0;
  r.short_last = 0;
  check_text (para9, &r, date_checks, G_N_ELEMENTS (date_checks));
}

/* Odd input: several spaces in a row, offsets out of range, bad UTF-8, a
 * length shorter than the string. */
static void
test_robustness (void)
{
  static const char two_spaces[] = "hơn 7  năm nữa thì xong";
  static const char bad[] = "hơn 7 \xff\xfe năm \xc3 xong";
  TsVnRules r;
  int offsets[4], penalties[4] = { -1, -1, -1, -1 };

  ts_vn_rules_init (&r);

  /* "hơn" is 4 bytes (ơ takes 2): "7" is byte 5, the two spaces 6 and 7. */
  offsets[0] = 6;
  offsets[1] = 7;
  ts_vn_space_penalties (two_spaces, -1, offsets, 2, &r, penalties);
  g_assert_cmpint (two_spaces[5], ==, '7');
  g_assert_cmpint (penalties[0], ==, INF);
  g_assert_cmpint (penalties[1], ==, INF);

  /* Offsets outside the text get 0 and do not disturb the others. */
  offsets[0] = -5;
  offsets[1] = 4; /* hơn|7 */
  offsets[2] = 6; /* 7|năm */
  offsets[3] = 1000;
  ts_vn_space_penalties (two_spaces, -1, offsets, 4, &r, penalties);
  g_assert_cmpint (penalties[0], ==, 0);
  g_assert_cmpint (penalties[1], ==, 0);
  g_assert_cmpint (penalties[2], ==, INF);
  g_assert_cmpint (penalties[3], ==, 0);

  /* Malformed bytes are neither letters nor spaces: no crash, no rule. */
  {
    GArray *o = space_offsets (bad);
    int *p = g_new0 (int, o->len);

    ts_vn_space_penalties (bad, -1, (const int *) o->data, o->len, &r, p);
    for (guint i = 0; i < o->len; i++)
      g_assert_true (p[i] >= 0 && p[i] <= INF);
    g_assert_cmpint (p[1], ==, 0); /* "7|\xff\xfe": not a unit */
    g_free (p);
    g_array_unref (o);
  }

  /* @length bounds the text: "7 km" cut after the space has no word after
   * it, so nothing to keep. */
  offsets[0] = 1;
  ts_vn_space_penalties ("7 km", 2, offsets, 1, &r, penalties);
  g_assert_cmpint (penalties[0], ==, 0);
  ts_vn_space_penalties ("7 km", 4, offsets, 1, &r, penalties);
  g_assert_cmpint (penalties[0], ==, INF);

  /* Nothing to do. */
  ts_vn_space_penalties ("", 0, NULL, 0, &r, NULL);
}

static void
test_token_unbreakable (void)
{
  static const char *const yes[] = {
    "29/4/2021",     "29/4/2021,",     "(1/4/2014)", "1/4",     "29-4-2021", "1,5",
    "1.234,5",       "2021",           "80%",        "80%;",    "12,5%",     "100.000đ",
    "12km",          "36,5°C",         "7h30",       "7h",      "19:30",     "22-NQ/QU",
    "30/2020/NĐ-CP", "01/2021/TT-BTC", "NĐ-CP",      "QĐ-UBND", "COVID-19",  "“30/2020/NĐ-CP”.",
  };
  static const char *const no[] = {
    "",
    "năm",
    "Hà",
    "UBND",
    "TP.",
    "bài-viết",
    "bai-viet-2021",
    "Hà-Nội",
    "https://example.com/2021/05/a",
    "a@b.vn1",
    "x_1",
    "1+1=2",
    "123456789012345678901234567890123", /* 33 characters: data, not a date */
    "(",
    "…",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (!ts_vn_token_is_unbreakable (yes[i], -1))
      g_error ("“%s” should be unbreakable", yes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (ts_vn_token_is_unbreakable (no[i], -1))
      g_error ("“%s” should be breakable", no[i]);

  /* @length counts bytes: "7h30 và" cut to "7h30". */
  g_assert_true (ts_vn_token_is_unbreakable ("7h30 và", 4));
  g_assert_false (ts_vn_token_is_unbreakable ("7h30 và", -1)); /* a space is no token */
  g_assert_false (ts_vn_token_is_unbreakable (NULL, 0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vnrules/rules-init", test_rules_init);
  g_test_add_func ("/vnrules/number-unit", test_number_unit);
  g_test_add_func ("/vnrules/number-negative", test_number_negative);
  g_test_add_func ("/vnrules/date", test_date);
  g_test_add_func ("/vnrules/abbreviation", test_abbreviation);
  g_test_add_func ("/vnrules/abbreviation-negative", test_abbreviation_negative);
  g_test_add_func ("/vnrules/name", test_name);
  g_test_add_func ("/vnrules/name-sentence-start", test_name_sentence_start);
  g_test_add_func ("/vnrules/punctuation", test_punctuation);
  g_test_add_func ("/vnrules/last-space", test_last_space);
  g_test_add_func ("/vnrules/rules-override", test_rules_override);
  g_test_add_func ("/vnrules/robustness", test_robustness);
  g_test_add_func ("/vnrules/token-unbreakable", test_token_unbreakable);

  return g_test_run ();
}
