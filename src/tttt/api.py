from ninja import NinjaAPI

from tttt.org.api import router as org_router

api = NinjaAPI(
    title="TTTT API",
    version="1",
    description="API của TTTT. Dữ liệu đơn vị hành chính công khai; các API nghiệp vụ lọc theo phạm vi người dùng.",
    urls_namespace="api-v1",
)
api.add_router("/", org_router)
