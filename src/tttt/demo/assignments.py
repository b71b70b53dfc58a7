"""Demo tasks: the recommendations of the Vĩnh Phúc inspection of the Vĩnh Tường portal
(seed 001, 03/10/2019) and the district chairmen's directives of 2018–2019, with progress,
some done late and one still overdue."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tttt.assignments.models import Task, TaskProgress
from tttt.org.models import Unit

from .builder import _office

INSPECTION = "Kết luận của Đoàn kiểm tra Sở TT&TT Vĩnh Phúc ngày 03/10/2019"
# title, office, deadline, completed (None = still open), result
RECOMMENDATIONS = [
    ("Cập nhật thủ tục hành chính trên Cổng thông tin điện tử bám sát bộ thủ tục hành chính cấp tỉnh",
     "Trung tâm Hành chính công huyện", date(2019, 12, 31), date(2019, 12, 20),
     "Đã rà soát, cập nhật 450 thủ tục theo Quyết định công bố của Chủ tịch UBND tỉnh."),
    ("Chuẩn bị triển khai dịch vụ công trực tuyến mức độ 3 ở cấp huyện",
     "Trung tâm Hành chính công huyện", date(2020, 6, 30), date(2020, 8, 14),
     "Đã cung cấp 32 dịch vụ công trực tuyến mức độ 3."),
    ("Cung cấp, cập nhật thông tin về đầu tư, đấu thầu, mua sắm công lên Cổng",
     "Phòng Tài chính – Kế hoạch", date(2019, 11, 30), date(2019, 11, 25),
     "Đăng tải danh mục dự án đầu tư công và 12 thông báo mời thầu."),
    ("Cập nhật thông tin xử lý vi phạm hành chính trên các lĩnh vực",
     "Văn phòng HĐND và UBND huyện", date(2019, 12, 31), None, ""),
]  # fmt: skip
DIRECTIVES = [
    "Rà soát, cập nhật thông tin chỉ đạo, điều hành lên Cổng thông tin điện tử",
    "Kiểm tra các điểm kinh doanh dịch vụ Internet, trò chơi điện tử gần trường học",
    "Đôn đốc các xã sử dụng thư điện tử công vụ trong trao đổi văn bản",
    "Triển khai chữ ký số cho lãnh đạo các cơ quan chuyên môn",
    "Tuyên truyền về chuyển đổi số trên hệ thống đài truyền thanh cơ sở",
    "Báo cáo tình hình giải quyết hồ sơ trễ hạn tại bộ phận một cửa",
    "Kiểm tra hoạt động kinh doanh karaoke dịp lễ, Tết",
    "Xây dựng kế hoạch bảo đảm an toàn thông tin mạng",
]


def build_tasks(*, vinh_tuong: Unit, luong_tai: Unit) -> int:
    if Task.objects.filter(unit__in=[vinh_tuong, luong_tai]).exists():
        return 0
    rng = random.Random(2019)
    T = Unit.TypeWord
    offices = {
        name: _office(vinh_tuong, name, word, vinh_tuong.valid_to)
        for name, word in [
            ("Trung tâm Hành chính công huyện", T.TRUNG_TAM),
            ("Phòng Tài chính – Kế hoạch", T.PHONG),
            ("Văn phòng HĐND và UBND huyện", T.VAN_PHONG),
            ("Phòng Văn hóa và Thông tin", T.PHONG),
            ("Trung tâm Văn hóa – Thông tin – Thể thao", T.TRUNG_TAM),
        ]
    }
    tasks, progress = [], []
    for title, office, deadline, done, result in RECOMMENDATIONS:
        tasks.append(Task(unit=vinh_tuong, assignee=offices[office], source=Task.Source.SUPERVISION,
                          source_reference=INSPECTION, title=title, assigned_by_name="Chủ tịch UBND huyện",
                          assigned_on=date(2019, 10, 7), deadline=deadline,
                          status=Task.Status.DONE if done else Task.Status.OPEN, completed_on=done, result=result))  # fmt: skip
    for unit, n in [(vinh_tuong, 24), (luong_tai, 12)]:
        # The directives concern the sector: the office of culture and information does them.
        owners = list(
            Unit.objects.filter(
                parent=unit, kind=Unit.Kind.OFFICE, name__contains="Văn hóa và Thông tin"
            )
        ) or [unit]
        for i in range(n):
            assigned = date(
                2018 if unit == vinh_tuong and i < 12 else 2019,
                rng.randrange(1, 10),
                rng.randrange(1, 28),
            )
            deadline = assigned + timedelta(days=rng.choice([15, 30, 45, 60]))
            late = rng.random() < 0.15
            done = (
                deadline + timedelta(days=rng.randrange(3, 20))
                if late
                else deadline - timedelta(days=rng.randrange(0, 10))
            )
            done = max(done, assigned)
            number = 20 + i * 3
            tasks.append(Task(unit=unit, assignee=rng.choice(owners), source=Task.Source.MEETING if i % 3 else Task.Source.DIRECTIVE,
                              source_reference=f"Thông báo kết luận số {number}/TB-UBND ngày {assigned:%d/%m/%Y}",
                              title=rng.choice(DIRECTIVES), assigned_by_name="Chủ tịch UBND huyện",
                              assigned_on=assigned, deadline=deadline, status=Task.Status.DONE, completed_on=done,
                              result="Đã hoàn thành, có báo cáo kết quả gửi Văn phòng HĐND và UBND huyện."))  # fmt: skip
    Task.objects.bulk_create(tasks)
    for task in tasks:
        middle = task.assigned_on + (task.deadline - task.assigned_on) / 2
        progress.append(
            TaskProgress(
                task=task, reported_on=middle, percent=50, note="Đang triển khai theo kế hoạch."
            )
        )
        if task.completed_on:
            progress.append(
                TaskProgress(
                    task=task, reported_on=task.completed_on, percent=100, note=task.result
                )
            )
    TaskProgress.objects.bulk_create(progress)
    return len(tasks)
