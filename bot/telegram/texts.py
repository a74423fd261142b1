"""What the bot says, in one place, so the wording can be reviewed and changed without reading code.

Plain strings are escaped when rendered; strings ending in _HTML are Telegram HTML already.
The answer itself (citations, no-answer message) is worded in bot.answer, shared with the terminal.
"""

from __future__ import annotations

# Commands registered with setMyCommands: (command, description shown in the menu).
MEMBER_COMMANDS = [
    ("hoi", "Hỏi về văn bản, ví dụ: /hoi đảng viên có nhiệm vụ gì"),
    ("vanban", "Danh sách văn bản đang có"),
    ("vb", "Mở một văn bản theo số hiệu, ví dụ: /vb 98-KH/TU"),
    ("help", "Cách hỏi và các lệnh"),
    ("start", "Giới thiệu và câu hỏi mẫu"),
]
ADMIN_COMMANDS = [
    ("reload", "Nạp lại thư mục văn bản (quản trị)"),
    ("thongke", "Thống kê câu hỏi và góp ý (quản trị)"),
]

START_HTML = (
    "Xin chào! Mình là trợ lý tra cứu <b>văn bản của Đảng</b>.\n"
    "Bạn hỏi bằng lời thường, mình trả lời bằng <b>trích dẫn nguyên văn</b> từ văn bản, "
    "kèm tên, số hiệu, ngày ban hành và điều, khoản — để bạn tự kiểm tra. "
    "Mình không tự viết câu trả lời.\n\n"
    "Đang có <b>{documents}</b> văn bản. Thử hỏi:"
)
START_NO_EXAMPLES_HTML = "Bạn cứ gõ câu hỏi, ví dụ về nội dung một nghị quyết, quy định hay kế hoạch."
START_FOOTER_HTML = "\nGõ câu hỏi bất kỳ, hoặc bấm một câu hỏi mẫu bên dưới. Xem thêm: /help"

HELP_HTML = (
    "<b>Cách hỏi</b>\n"
    "• Gõ câu hỏi như khi hỏi đồng chí của mình, ví dụ: <i>đảng viên dự bị có quyền gì</i>. "
    "Không dấu cũng được: <i>dang vien du bi co quyen gi</i>.\n"
    "• Nêu số hiệu nếu biết: <i>QĐ 294</i>, <i>98-KH/TU</i>, <i>nghị quyết 21</i>.\n"
    "• Dưới mỗi câu trả lời có nút: 📖 đọc toàn mục, 📄 xem văn bản, ▶ thêm kết quả, 👍/👎 góp ý.\n\n"
    "<b>Các lệnh</b>\n"
    "/hoi &lt;câu hỏi&gt; — hỏi (dùng trong nhóm)\n"
    "/vanban — danh sách văn bản\n"
    "/vb &lt;số hiệu&gt; — mở một văn bản, ví dụ <code>/vb 98-KH/TU</code>\n"
    "/start — giới thiệu và câu hỏi mẫu\n\n"
    "<b>Trong nhóm sinh hoạt</b>\n"
    "Mình chỉ trả lời khi được hỏi: <code>/hoi</code> kèm câu hỏi, nhắc tên {mention}, "
    "hoặc trả lời (reply) tin nhắn của mình. Muốn mình trả lời câu hỏi của một đồng chí khác, "
    "hãy reply tin nhắn đó và gõ {mention} hoặc <code>/hoi</code>.\n\n"
    "<b>Ở bất kỳ cuộc trò chuyện nào</b>\n"
    "Gõ {mention} rồi câu hỏi, chọn một đoạn trích để gửi kèm trích dẫn."
)

ASK_PROMPT_PRIVATE = "Bạn cứ gõ câu hỏi, ví dụ: đảng viên có nhiệm vụ gì?"
ASK_PROMPT_GROUP = "Đồng chí hãy gõ câu hỏi sau lệnh /hoi, hoặc trả lời (reply) tin nhắn này bằng câu hỏi."
MENTION_PROMPT = "Đồng chí hãy gõ câu hỏi ngay sau {mention}, hoặc reply câu hỏi của người khác bằng {mention}."
ASK_PLACEHOLDER = "Câu hỏi về văn bản…"

TOO_LONG = (
    "Tin nhắn dài quá ({length} ký tự). Bạn hãy hỏi ngắn gọn trong một câu (dưới {limit} ký tự), "
    "ví dụ: thời hạn dự bị của đảng viên là bao lâu?"
)
NO_WORDS = "Mình chỉ hiểu câu hỏi bằng chữ. Bạn hãy gõ câu hỏi, ví dụ: đảng viên có nhiệm vụ gì?"
NOT_TEXT = (
    "Mình chỉ đọc được câu hỏi gõ bằng chữ (chưa nghe được tin nhắn thoại, chưa xem được ảnh, "
    "nhãn dán hay tệp). Bạn hãy gõ câu hỏi nhé."
)
FILE_FROM_ADMIN = (
    "Mình chưa nhận văn bản qua tin nhắn. Để thêm văn bản, hãy chép tệp .md hoặc .txt (UTF-8) "
    "vào thư mục văn bản trên máy chủ; mình tự nạp lại sau vài giây (hoặc dùng /reload)."
)
UNKNOWN_COMMAND = "Mình không có lệnh này. Gõ /help để xem các lệnh, hoặc cứ gõ câu hỏi."
GREETING = "Xin chào! Bạn cứ gõ câu hỏi về văn bản, mình sẽ tìm đoạn trích phù hợp. Xem hướng dẫn: /help"
THANKS = "Rất vui được giúp đồng chí. Có câu hỏi khác cứ gõ nhé!"

ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút."

# Buttons
BUTTON_SECTION = "📖 Toàn mục [{n}]"
BUTTON_MORE = "Thêm kết quả ▶"
BUTTON_PREVIOUS = "◀ Trước"
BUTTON_NEXT = "Sau ▶"
BUTTON_PAGE = "{page}/{pages}"
BUTTON_HELPFUL = "👍 Hữu ích"
BUTTON_UNHELPFUL = "👎 Chưa đúng"
BUTTON_DOCUMENTS = "📚 Danh sách văn bản"
BUTTON_SECTION_PREVIOUS = "⬆️ Đoạn trước"
BUTTON_SECTION_NEXT = "⬇️ Đoạn sau"
BUTTON_OUTLINE = "📑 Mục lục"
INLINE_EMPTY_BUTTON = "Gõ câu hỏi sau tên bot — xem hướng dẫn"
INLINE_NOTHING_BUTTON = "Không thấy đoạn phù hợp — xem danh sách văn bản"

# Callback answers (short notices at the top of the chat)
OLD_ANSWER = "Câu trả lời này đã cũ, các nút không còn dùng được. Bạn hãy gửi lại câu hỏi."
OLD_DOCUMENT = "Văn bản này đã được cập nhật hoặc gỡ khỏi thư viện. Xem danh sách mới: /vanban"
OLD_BUTTON = "Nút này không còn dùng được. Bạn hãy gửi lại câu hỏi hoặc gõ /vanban."
THANKS_FEEDBACK = "Cảm ơn đồng chí đã góp ý!"
FEEDBACK_LOST = "Không ghi được góp ý cho câu trả lời cũ này. Cảm ơn đồng chí!"

# Documents
LIST_HEADER_HTML = "📚 <b>Văn bản trong thư viện</b> — {count} văn bản (trang {page}/{pages})"
LIST_FOOTER_HTML = "\nBấm số để mở văn bản, hoặc gõ <code>/vb &lt;số hiệu&gt;</code>, ví dụ <code>/vb {example}</code>."
VB_USAGE_HTML = (
    "Gõ số hiệu hoặc tên văn bản sau lệnh, ví dụ: <code>/vb {example}</code>.\n"
    "Xem tất cả: /vanban"
)
VB_NOT_FOUND = "Không thấy văn bản «{query}» trong thư viện. Xem danh sách: /vanban, hoặc hỏi trực tiếp nội dung."
VB_MANY_HTML = "Có {count} văn bản khớp với «{query}». Bấm để mở:"
OUTLINE_HEADER_HTML = "<b>Mục lục</b> (trang {page}/{pages}) — bấm số để đọc:"
OUTLINE_EMPTY = "Văn bản không chia mục; bấm để đọc từ đầu."
CARD_LABELS = {
    "title": "Tên",
    "issued": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "status": "Tình trạng",
    "source": "Nguồn",
    "tags": "Chủ đề",
    "path": "Tệp",
}
SECTION_WHOLE = "Toàn văn"
CONTINUED = "(tiếp theo)"

# Admins
ADMIN_ONLY = "Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot."
PRIVATE_ONLY = "Lệnh này chỉ dùng trong tin nhắn riêng với bot."
RELOADING = "⏳ Đang nạp lại thư mục văn bản…"
RELOAD_PROGRESS = "⏳ Đang nạp lại thư mục văn bản: đã phân tích {done}/{total} tệp…"
STATS_UNAVAILABLE = "Thống kê tạm thời không dùng được ({reason}). Bot vẫn trả lời câu hỏi bình thường."
