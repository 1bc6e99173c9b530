"""Interface strings in Vietnamese and English (the answer language follows the question)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Hỏi đáp tin tức tiếng Việt",
        "subtitle": "Câu trả lời trích dẫn nguyên văn từ các bài báo đã lập chỉ mục.",
        "placeholder": "Đặt câu hỏi bằng tiếng Việt hoặc tiếng Anh…",
        "send": "Gửi",
        "clear": "Xoá hội thoại",
        "sources": "Nguồn trích dẫn",
        "no_sources": "Không có đoạn trích nào trả lời được câu hỏi này.",
        "untitled": "(không có tiêu đề)",
        "abstained": "Không tìm thấy câu trả lời",
        "empty_question": "Câu hỏi đang trống. Hãy hỏi, ví dụ: “Hà Nội đã luân chuyển bao nhiêu cán bộ?”",
        "error": "Không thể trả lời lúc này",
        "examples": "Câu hỏi mẫu",
    },
    "en": {
        "title": "Vietnamese news Q&A",
        "subtitle": "Answers quote the indexed articles word for word.",
        "placeholder": "Ask in Vietnamese or English…",
        "send": "Send",
        "clear": "Clear chat",
        "sources": "Cited passages",
        "no_sources": "No passage answers this question.",
        "untitled": "(untitled)",
        "abstained": "No answer found",
        "empty_question": "The question is empty. Try: “how many cadres did Hà Nội rotate?”",
        "error": "Cannot answer right now",
        "examples": "Example questions",
    },
}

EXAMPLES = [
    "how many cadres did Hà Nội rotate?",
    "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?",
    "Who is the Secretary of the Móng Cái City Party Committee?",
    "Quyết định nào thay thế Quyết định số 3814-QĐ/TU?",
]
