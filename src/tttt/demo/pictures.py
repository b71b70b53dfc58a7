"""Pictures for the demo portals, drawn with Pillow (nothing is fetched): scenes that match
their captions (a ceremony hall, a speaker at the rostrum, a field visit, an inspection in
an Internet shop, people turning out to clean the village, an award ceremony) and a chart
of the unit's own one-stop figures. Each scene varies with the random generator it is given.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
W, H = 800, 500
RED, YELLOW, WHITE = (196, 30, 36), (255, 221, 0), (255, 255, 255)
SKIN = [(241, 194, 160), (224, 172, 138), (198, 148, 112)]
SHIRTS = [(255, 255, 255), (236, 240, 245), (188, 208, 232), (244, 226, 205), (60, 80, 120)]
HAIR = (30, 26, 24)


def font(size: int, bold: bool = True):
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf")), size
    )


def _centred(draw, box, text, size, fill):
    f = font(size)
    while size > 10 and draw.textlength(text, font=f) > box[2] - box[0] - 20:
        size -= 1
        f = font(size)
    width = draw.textlength(text, font=f)
    draw.text(((box[0] + box[2] - width) / 2, box[1]), text, font=f, fill=fill)


def _gradient(draw, top, bottom, y0=0, y1=H):
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        draw.line(
            [(0, y), (W, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _person(draw, x, y, scale, rng, shirt=None, seated=False):
    """A person seen from the front, feet at (x, y)."""
    s = scale
    body = shirt or rng.choice(SHIRTS)
    head = rng.choice(SKIN)
    height = 0.55 if seated else 1.0
    draw.rounded_rectangle((x - 11 * s, y - 62 * s * height, x + 11 * s, y - 22 * s * height),
                           radius=int(6 * s), fill=body, outline=(90, 90, 90))  # fmt: skip
    if not seated:
        draw.rectangle((x - 9 * s, y - 24 * s, x + 9 * s, y), fill=(40, 44, 52))
    top = y - 62 * s * height
    draw.ellipse((x - 8 * s, top - 17 * s, x + 8 * s, top - 1 * s), fill=head)
    draw.chord((x - 8 * s, top - 18 * s, x + 8 * s, top - 4 * s), 180, 360, fill=HAIR)


def _flag(draw, x, y, w):
    draw.rectangle((x, y, x + w, y + w * 2 // 3), fill=RED)
    cx, cy, r = x + w / 2, y + w / 3, w / 5
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=YELLOW)


def _hall(draw, rng, words):
    draw.rectangle((0, 0, W, H), fill=(120, 20, 24))
    draw.rectangle((0, 300, W, H), fill=(150, 110, 80))
    draw.rectangle((120, 40, 680, 150), fill=(170, 24, 30), outline=YELLOW, width=3)
    _centred(draw, (120, 58, 680, 0), words["banner"], 26, YELLOW)
    _centred(draw, (120, 100, 680, 0), words["place"], 20, WHITE)
    _flag(draw, 30, 50, 70)
    draw.rectangle((150, 180, 650, 300), fill=(160, 30, 34))
    draw.rectangle((150, 230, 650, 300), fill=(230, 225, 210))
    for x in range(190, 640, 70):
        _person(draw, x, 300, 0.9, rng, seated=True)
        draw.ellipse((x + 18, 236, x + 32, 248), fill=(40, 140, 60))
    for row, (y, scale) in enumerate([(420, 1.4), (470, 1.7), (520, 2.0)]):
        for x in range(40 + row * 25, W, int(60 * scale)):
            _person(draw, x + rng.randrange(-6, 6), y, scale, rng, seated=True)


def _speaker(draw, rng, words):
    _gradient(draw, (150, 26, 30), (100, 14, 18))
    draw.rectangle((60, 30, 740, 120), fill=(175, 28, 34), outline=YELLOW, width=3)
    _centred(draw, (60, 45, 740, 0), words["banner"], 24, YELLOW)
    _centred(draw, (60, 82, 740, 0), words["place"], 18, WHITE)
    _flag(draw, 640, 150, 90)
    _person(draw, 400, 360, 3.2, rng, shirt=WHITE)
    draw.polygon([(300, 300), (500, 300), (480, H), (320, H)], fill=(140, 92, 50))
    draw.rectangle((300, 290, 500, 305), fill=(170, 118, 70))
    draw.line([(400, 290), (410, 230)], fill=(30, 30, 30), width=4)
    draw.ellipse((403, 220, 419, 236), fill=(30, 30, 30))
    for i in range(7):
        x = 320 + i * 27
        draw.ellipse(
            (x, 330, x + 26, 356),
            fill=rng.choice([(236, 64, 122), (250, 200, 40), (255, 255, 255)]),
        )
    _centred(draw, (320, 400, 480, 0), words["short"], 14, YELLOW)


def _field(draw, rng, words):
    _gradient(draw, (135, 190, 235), (220, 236, 248), 0, 220)
    _gradient(draw, (110, 170, 60), (60, 120, 40), 220, H)
    for i in range(0, W + 200, 40):
        draw.line([(i - 100, H), (400 + (i - 400) * 0.15, 220)], fill=(80, 140, 50), width=2)
    for x in range(20, W, 90):
        y = 215 + rng.randrange(-5, 5)
        draw.rectangle((x + 8, y - 25, x + 14, y), fill=(90, 60, 30))
        draw.ellipse((x - 10, y - 70, x + 32, y - 20), fill=(34, 100, 40))
    draw.rectangle((520, 250, 760, 300), fill=WHITE, outline=(20, 83, 45), width=3)
    _centred(draw, (520, 262, 760, 0), words["model"], 14, (20, 83, 45))
    for i in range(rng.randrange(6, 10)):
        _person(draw, 80 + i * 55 + rng.randrange(-8, 8), 440 + rng.randrange(-10, 10), 2.0, rng)


def _shop(draw, rng, words):
    draw.rectangle((0, 0, W, H), fill=(225, 228, 232))
    draw.rectangle((0, 0, W, 70), fill=(20, 40, 90))
    _centred(draw, (0, 18, W, 0), words["shop"], 28, YELLOW)
    draw.rectangle((0, 380, W, H), fill=(150, 150, 160))
    for row, y in enumerate([230, 330]):
        draw.rectangle((20, y, 780, y + 16), fill=(120, 80, 40))
        for x in range(40 + row * 30, 760, 110):
            draw.rectangle((x, y - 70, x + 80, y - 14), fill=(20, 20, 20))
            draw.rectangle(
                (x + 5, y - 65, x + 75, y - 19),
                fill=rng.choice([(40, 120, 200), (60, 160, 90), (200, 90, 40)]),
            )
            draw.rectangle((x + 35, y - 14, x + 45, y), fill=(60, 60, 60))
    for i in range(4):
        _person(
            draw,
            120 + i * 70,
            490,
            2.4,
            rng,
            shirt=[(64, 98, 64), WHITE, (188, 208, 232), WHITE][i],
        )
    draw.rectangle((560, 380, 720, 470), fill=WHITE, outline=(80, 80, 80))
    for k in range(6):
        draw.line([(575, 395 + k * 12), (705, 395 + k * 12)], fill=(150, 150, 150), width=2)
    _centred(draw, (560, 474, 720, 0), "Biên bản kiểm tra", 13, (20, 20, 20))


def _turnout(draw, rng, words):
    _gradient(draw, (150, 200, 240), (230, 240, 250), 0, 200)
    draw.rectangle((0, 200, W, H), fill=(100, 150, 70))
    draw.polygon([(330, 200), (470, 200), (760, H), (40, H)], fill=(170, 170, 165))
    for x in range(0, W, 70):
        draw.ellipse((x - 20, 120 + rng.randrange(-10, 10), x + 50, 210), fill=(40, 110, 45))
    draw.rectangle((180, 60, 620, 105), fill=RED)
    _centred(draw, (180, 67, 620, 0), words["campaign"], 18, YELLOW)
    for i in sorted(range(14), key=lambda i: i % 4):  # the far ones first
        depth = i % 4
        scale = 1.2 + depth * 0.45
        x = 120 + (i * 61) % 560 + rng.randrange(-10, 10)
        y = 300 + depth * 55
        _person(
            draw,
            x,
            y,
            scale,
            rng,
            shirt=rng.choice([(30, 110, 200), (30, 110, 200), (40, 140, 60), WHITE]),
        )
        if i % 5 == 0:
            draw.line(
                [(x + 14 * scale, y - 40 * scale), (x + 14 * scale, y - 90 * scale)],
                fill=(80, 60, 30),
                width=3,
            )
            _flag(draw, x + 14 * scale, y - 90 * scale, int(24 * scale))


def _awards(draw, rng, words):
    _gradient(draw, (140, 22, 28), (96, 12, 16), 0, 330)
    draw.rectangle((0, 330, W, H), fill=(160, 120, 80))
    draw.rectangle((80, 30, 720, 110), fill=(175, 28, 34), outline=YELLOW, width=3)
    _centred(draw, (80, 45, 720, 0), words["banner"], 22, YELLOW)
    _centred(draw, (80, 78, 720, 0), words["place"], 16, WHITE)
    people = rng.randrange(6, 9)
    step = 640 // people
    for i in range(people):
        x = 100 + i * step
        _person(draw, x, 420, 2.6, rng, shirt=rng.choice([WHITE, (188, 208, 232), (60, 80, 120)]))
        draw.rectangle((x - 26, 300, x + 4, 340), fill=WHITE, outline=RED, width=3)
        draw.ellipse((x + 6, 300, x + 30, 324), fill=rng.choice([(236, 64, 122), (250, 200, 40)]))


SCENES: dict[str, Callable] = {
    "Quang cảnh buổi lễ": _hall,
    "Lãnh đạo huyện phát biểu chỉ đạo": _speaker,
    "Các đại biểu tham quan mô hình": _field,
    "Đoàn kiểm tra làm việc tại cơ sở": _shop,
    "Nhân dân tham gia ra quân": _turnout,
    "Trao giấy khen cho các tập thể, cá nhân": _awards,
}


def scene(caption: str, rng, *, place: str, year: int) -> bytes:
    """A JPEG of the scene `caption` names, with `place` on its banners."""
    picture = Image.new("RGB", (W, H))
    words = {
        "banner": rng.choice([f"HỘI NGHỊ TỔNG KẾT NĂM {year - 1}", f"SƠ KẾT CÔNG TÁC 6 THÁNG NĂM {year}",
                              "LỄ PHÁT ĐỘNG PHONG TRÀO THI ĐUA", f"HỘI NGHỊ TRIỂN KHAI NHIỆM VỤ NĂM {year}"]),
        "place": place.upper(), "short": place,
        "model": rng.choice(["MÔ HÌNH LÚA CHẤT LƯỢNG CAO", "CÁNH ĐỒNG MẪU LỚN", "MÔ HÌNH NÔNG THÔN MỚI"]),
        "shop": rng.choice(["INTERNET – GAME ONLINE", "DỊCH VỤ INTERNET", "ĐIỂM TRÒ CHƠI ĐIỆN TỬ"]),
        "campaign": rng.choice(["NGÀY CHỦ NHẬT XANH", "TỔNG VỆ SINH MÔI TRƯỜNG", "CHUNG TAY XÂY DỰNG NÔNG THÔN MỚI"]),
    }  # fmt: skip
    SCENES[caption](ImageDraw.Draw(picture), rng, words)
    return _jpeg(picture)


def bar_chart(title: str, months: list[int], received: list[int], on_time: list[int]) -> bytes:
    """Received and on-time counts per month, as a portal's infographic shows them."""
    picture = Image.new("RGB", (W, H), WHITE)
    draw = ImageDraw.Draw(picture)
    _centred(draw, (0, 18, W, 0), title, 20, (20, 40, 90))
    left, bottom, top, right = 70, 430, 80, 770
    high = max(received + [1])
    step = (right - left) / max(1, len(months))
    for k in range(5):
        y = bottom - (bottom - top) * k / 4
        draw.line([(left, y), (right, y)], fill=(220, 220, 220))
        value = f"{round(high * k / 4):,}".replace(",", ".")
        draw.text(
            (left - 8 - draw.textlength(value, font=font(12, False)), y - 8),
            value,
            font=font(12, False),
            fill=(60, 60, 60),
        )
    for i, (month, r, t) in enumerate(zip(months, received, on_time, strict=True)):
        x = left + i * step + step * 0.15
        w = step * 0.33
        draw.rectangle((x, bottom - (bottom - top) * r / high, x + w, bottom), fill=(11, 79, 156))
        draw.rectangle(
            (x + w, bottom - (bottom - top) * t / high, x + 2 * w, bottom), fill=(20, 130, 70)
        )
        _centred(draw, (x - 10, bottom + 8, x + 2 * w + 10, 0), f"T{month}", 13, (40, 40, 40))
    draw.rectangle((250, 470, 264, 484), fill=(11, 79, 156))
    draw.text((270, 468), "Hồ sơ tiếp nhận", font=font(13, False), fill=(40, 40, 40))
    draw.rectangle((430, 470, 444, 484), fill=(20, 130, 70))
    draw.text((450, 468), "Giải quyết đúng hạn", font=font(13, False), fill=(40, 40, 40))
    return _jpeg(picture)


def _jpeg(picture) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
