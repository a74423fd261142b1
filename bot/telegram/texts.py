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
    ("quiz", "Câu hỏi trắc nghiệm từ văn bản, ví dụ: /quiz điều lệ"),
    ("diem", "Điểm trắc nghiệm hôm nay"),
    ("theodoi", "Nhận tin khi có văn bản mới"),
    ("huytheodoi", "Thôi nhận tin văn bản mới"),
    ("help", "Cách hỏi và các lệnh"),
    ("start", "Giới thiệu và câu hỏi mẫu"),
]
# In groups: what members use during a study session (menus of group admins add the news commands).
GROUP_COMMANDS = [
    ("hoi", "Hỏi về văn bản, ví dụ: /hoi đảng viên có nhiệm vụ gì"),
    ("quiz", "Câu hỏi trắc nghiệm từ văn bản, ví dụ: /quiz điều lệ"),
    ("diem", "Ai trả lời đúng bao nhiêu câu hôm nay"),
    ("vanban", "Danh sách văn bản đang có"),
    ("vb", "Mở một văn bản theo số hiệu, ví dụ: /vb 98-KH/TU"),
    ("help", "Cách hỏi và các lệnh"),
]
GROUP_ADMIN_COMMANDS = [
    ("theodoi", "Nhóm nhận tin khi có văn bản mới (quản trị nhóm)"),
    ("huytheodoi", "Nhóm thôi nhận tin văn bản mới (quản trị nhóm)"),
]
ADMIN_COMMANDS = [
    ("reload", "Nạp lại thư mục văn bản (quản trị)"),
    ("thongke", "Thống kê câu hỏi và góp ý (quản trị)"),
    ("xoavb", "Gỡ một văn bản khỏi thư viện (quản trị)"),
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
    "• Đọc một điều: <i>Điều 8 Điều lệ Đảng</i>, <i>khoản 2 Điều 5 điều lệ</i>.\n"
    "• Gửi ảnh chụp màn hình câu hỏi (câu hỏi cuộc thi, tin nhắn): mình đọc chữ trong ảnh rồi trả lời.\n"
    "• Dưới mỗi câu trả lời có nút: 📖 đọc toàn mục, 📄 xem văn bản, ▶ thêm kết quả, 👍/👎 góp ý.\n\n"
    "<b>Các lệnh</b>\n"
    "/hoi &lt;câu hỏi&gt; — hỏi (dùng trong nhóm)\n"
    "/vanban — danh sách văn bản\n"
    "/vb &lt;số hiệu&gt; — mở một văn bản, ví dụ <code>/vb 98-KH/TU</code>\n"
    "/start — giới thiệu và câu hỏi mẫu\n\n"
    "<b>Học tập, sinh hoạt chi bộ</b>\n"
    "/quiz — câu hỏi trắc nghiệm lấy từ văn bản; <code>/quiz điều lệ</code>, <code>/quiz 98-KH/TU</code> "
    "— chỉ hỏi về văn bản đó (hoặc bộ câu hỏi mang tên đó)\n"
    "/diem — ai trả lời đúng bao nhiêu câu hôm nay\n"
    "/theodoi — nhận tin khi có văn bản mới (trong nhóm: quản trị nhóm); /huytheodoi — thôi nhận\n\n"
    "<b>Trong nhóm sinh hoạt</b>\n"
    "Mình chỉ trả lời khi được hỏi: <code>/hoi</code> kèm câu hỏi, nhắc tên {mention}, "
    "hoặc trả lời (reply) tin nhắn của mình. Muốn mình trả lời câu hỏi của một đồng chí khác, "
    "hãy reply tin nhắn (hoặc ảnh chụp câu hỏi) đó và gõ {mention} hoặc <code>/hoi</code>.\n\n"
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
    "Mình chỉ đọc được câu hỏi gõ bằng chữ hoặc ảnh chụp câu hỏi (chưa nghe được tin nhắn thoại, "
    "chưa xem được nhãn dán hay tệp). Bạn hãy gõ câu hỏi nhé."
)
PHOTO_NO_TEXT = (
    "Mình không đọc được chữ nào trong ảnh này. Bạn hãy chụp rõ câu hỏi (chụp màn hình là rõ nhất) hoặc gõ câu hỏi nhé."
)
PHOTO_TOO_LONG = (
    "Ảnh có nhiều chữ quá ({length} ký tự, mình nhận câu hỏi tới {limit} ký tự). "
    "Bạn hãy chụp hoặc cắt riêng câu hỏi, hoặc gõ câu hỏi nhé."
)
UNKNOWN_COMMAND = "Mình không có lệnh này. Gõ /help để xem các lệnh, hoặc cứ gõ câu hỏi."
GREETING = "Xin chào! Bạn cứ gõ câu hỏi về văn bản, mình sẽ tìm đoạn trích phù hợp. Xem hướng dẫn: /help"
THANKS = "Rất vui được giúp đồng chí. Có câu hỏi khác cứ gõ nhé!"
CHAT = (
    "Đồng chí cứ gõ câu hỏi đầy đủ, dùng từ ngữ như trong văn bản, ví dụ: đảng viên dự bị bao lâu thì được "
    "xét chuyển chính thức? Kết quả trước chưa đúng ý thì bấm 👎 Chưa đúng rồi hỏi lại bằng từ khác, "
    "hoặc ghi số hiệu văn bản (ví dụ «QĐ 294»)."
)

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
BUTTON_SUCCESSOR = "➡️ Văn bản thay thế: {name}"
BUTTON_QUIZ_SECTION = "📖 Đọc toàn mục có đáp án"
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
VB_USAGE_HTML = "Gõ số hiệu hoặc tên văn bản sau lệnh, ví dụ: <code>/vb {example}</code>.\nXem tất cả: /vanban"
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
SECTION_OPENING = "Phần mở đầu"  # the text before the first heading
CONTINUED = "(tiếp theo)"

# Admins
ADMIN_ONLY = "Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot."
PRIVATE_ONLY = "Lệnh này chỉ dùng trong tin nhắn riêng với bot."
RELOADING = "⏳ Đang nạp lại thư mục văn bản…"

# Admins: files sent to the bot, /xoavb
FILE_FROM_MEMBER = (
    "Cảm ơn đồng chí! Chỉ quản trị viên của bot mới thêm được văn bản vào thư viện, nên mình không lưu tệp này. "
    "Nếu văn bản cần có trong thư viện, đồng chí hãy gửi cho quản trị viên. "
    "Muốn hỏi về nội dung văn bản, đồng chí cứ gõ câu hỏi."
)
UPLOAD_READING = "⏳ Đang đọc tệp «{name}»…"
UPLOAD_COMPRESSED = (
    "ảnh gửi dạng Ảnh bị Telegram nén: nếu chữ đọc sai nhiều, hãy gửi lại ảnh gốc dạng Tệp (📎 → Tệp/File)"
)
UPLOAD_READING_PAGES = "⏳ Đang đọc {count} ảnh gửi cùng lúc, từ «{name}», thành các trang của một văn bản…"
UPLOAD_TOO_BIG = (
    "❌ Không nhận tệp «{name}»: tệp nặng {size} MB, quá giới hạn {limit} MB. Không có gì được lưu.\n"
    "Hãy tách tệp, nén lại (ví dụ PDF chất lượng thấp hơn), hoặc chép thẳng vào thư mục văn bản trên máy chủ."
)
UPLOAD_DOWNLOAD_FAILED = "❌ Không tải được tệp «{name}» từ Telegram ({reason}). Không có gì được lưu; hãy gửi lại."
UPLOAD_UNREADABLE = "❌ Không đọc được tệp «{name}»: {reason}. Không có gì được lưu."
UPLOAD_READER_FAILED = "lỗi không mong đợi khi đọc ({error}); tệp có thể hỏng, hãy thử lưu lại bằng định dạng khác"
WRITE_FAILED = (
    "❌ Không ghi được vào thư mục văn bản ({error}). Không có gì thay đổi. "
    "Hãy kiểm tra quyền ghi của bot vào thư mục (với Docker: thư mục knowledge không được gắn chỉ đọc)."
)
UPLOAD_PREVIEW_HTML = "📥 <b>Xem trước văn bản gửi lên</b>: <code>{name}</code>"
UPLOAD_NO_NUMBER = (
    "Không thấy số hiệu văn bản (ví dụ 98-KH/TU): văn bản vẫn lưu được, nhưng không tra được theo số hiệu."
)
UPLOAD_REPLACES_SAME = (
    "Cùng số hiệu {symbol} với văn bản đang có: {paths}. "
    "Khi lưu, văn bản cũ được chuyển vào thùng rác và văn bản này thay thế."
)
UPLOAD_SAME_TITLE = (
    "Thư viện đã có văn bản cùng tên: {paths}. "
    "Văn bản này sẽ được thêm bên cạnh, không thay thế; gỡ bản cũ bằng /xoavb nếu cần."
)
UPLOAD_STATES_REPLACES = "Văn bản này ghi là thay thế {symbols}; văn bản đó sẽ được đánh dấu «đã được thay thế»."
UPLOAD_SAVE_AS_HTML = "Sẽ lưu thành <code>{path}</code>. Lưu vào thư viện?"
BUTTON_SAVE = "✅ Lưu vào thư viện"
BUTTON_CANCEL = "✖ Hủy"
# A file that is a quiz bank (bot.quiz.sheet): saved for /quiz, or as a document like any other.
UPLOAD_SHEET_HTML = (
    "🧩 <b>Tệp này là bộ câu hỏi trắc nghiệm</b>: {count} câu dùng được cho /quiz{skipped}. "
    "Lưu làm bộ câu hỏi thì /quiz hỏi xen các câu này với câu bot tự tạo; lưu làm văn bản thì bot trích "
    "câu hỏi và đáp án khi trả lời."
)
UPLOAD_SHEET_SKIPPED = ", {count} câu bị bỏ qua"
BUTTON_SAVE_BANK = "🧩 Lưu làm bộ câu hỏi /quiz"
BUTTON_SAVE_AS_DOCUMENT = "📄 Lưu làm văn bản"
UPLOAD_BANK_SAVED_HTML = (
    "✅ Đã lưu bộ câu hỏi <code>{path}</code>: {count} câu. /quiz sẽ hỏi xen với câu bot tự tạo; "
    "chỉ hỏi bộ này: <code>/quiz {name}</code>"
)
UPLOAD_BANK_PROBLEMS = "Câu bị bỏ qua ({count}):"
UPLOAD_BANK_REPLACES = "Đã có bộ câu hỏi cùng tên: {paths}. Nếu lưu làm bộ câu hỏi, bộ cũ được chuyển vào thùng rác."
UPLOAD_BANK_TRASHED_HTML = "Bộ câu hỏi cũ cùng tên đã chuyển vào thùng rác: <code>{trash}</code>."
UPLOAD_CANCELLED = "✖ Đã hủy: tệp «{name}» không được lưu."
UPLOAD_EXPIRED = "Bản xem trước này đã quá hạn hoặc đã được xử lý. Hãy gửi lại tệp."
UPLOAD_SAVED_HTML = "✅ Đã lưu <code>{path}</code> vào thư viện."
UPLOAD_TRASHED_HTML = "Văn bản cũ cùng số hiệu đã chuyển vào thùng rác: <code>{trash}</code>."
UPLOAD_NOT_SERVED = "⚠️ Đã lưu tệp nhưng lần nạp lại chưa đưa được văn bản vào thư viện; xem báo cáo bên dưới."

REMOVE_USAGE_HTML = (
    "Gõ số hiệu, tên tệp hoặc từ trong tiêu đề của văn bản cần gỡ, ví dụ: <code>/xoavb {example}</code>; "
    "gỡ một bộ câu hỏi /quiz: các từ trong tên tệp của bộ đó.\n"
    "Tệp được chuyển vào thùng rác của thư mục văn bản, không bị xóa hẳn."
)
REMOVE_NOT_FOUND = "Không thấy văn bản «{query}» trong thư viện. Xem danh sách: /vanban"
REMOVE_CHOOSE_HTML = "Có {count} văn bản khớp với «{query}». Chọn văn bản cần gỡ:"
REMOVE_CONFIRM_HTML = "🗑 <b>Gỡ văn bản này khỏi thư viện?</b>"
REMOVE_WHERE_HTML = (
    "Tệp <code>{path}</code> sẽ được chuyển vào thùng rác <code>{trash}/</code> (không bị xóa hẳn); "
    "thành viên sẽ không còn nhận được trích dẫn từ văn bản này."
)
BUTTON_REMOVE = "✅ Gỡ khỏi thư viện"
REMOVE_CANCELLED = "✖ Đã hủy, không gỡ văn bản nào."
REMOVE_DONE_HTML = "🗑 Đã gỡ <b>{name}</b>: tệp chuyển vào <code>{trash}</code>."
REMOVE_GONE = "Văn bản này đã được gỡ hoặc đã thay đổi. Gõ lại /xoavb để tìm lại."
REMOVE_BANK_CONFIRM_HTML = (
    "🗑 <b>Gỡ bộ câu hỏi này?</b> <code>{path}</code> — {count} câu.\n"
    "Tệp được chuyển vào thùng rác <code>{trash}/</code> (không bị xóa hẳn); /quiz sẽ không hỏi các câu này nữa."
)
REMOVE_BANK_CHOOSE_HTML = "Có {count} bộ câu hỏi khớp với «{query}»: {paths}. Hãy gõ thêm từ trong tên tệp."
BUTTON_REMOVE_BANK = "✅ Gỡ bộ câu hỏi"
REMOVE_BANK_DONE_HTML = "🗑 Đã gỡ bộ câu hỏi <code>{path}</code>: tệp chuyển vào <code>{trash}</code>."
# Study sessions
QUIZ_NO_DOCUMENT = "Không thấy văn bản «{query}» để ra câu hỏi. Xem danh sách: /vanban"
QUIZ_NONE = (
    "Văn bản này chưa có quy định nào để ra câu hỏi trắc nghiệm (cần con số, thời hạn, độ tuổi hay cơ quan quyết định)."
)
QUIZ_ALL_ASKED = (
    "Nhóm đã làm hết các câu hỏi có thể ra từ văn bản này trong buổi hôm nay. Thử /quiz với văn bản khác nhé."
)
SCORE_HEADER_HTML = "🏆 <b>Điểm trắc nghiệm</b> (từ {since})"
SCORE_LINE_HTML = "{n}. {name} — <b>{correct}</b>/{answered} câu đúng"
SCORE_EMPTY = "Chưa có ai trả lời câu hỏi trắc nghiệm nào. Gõ /quiz để bắt đầu."
SCORE_UNKNOWN_MEMBER = "Một đồng chí"
SCORE_MORE = "… và {count} đồng chí khác"
SCORE_FOOTER_HTML = "<i>Tên chỉ hiển thị trong buổi này; bot không lưu danh tính người trả lời.</i>"
SUBSCRIBE_UNAVAILABLE = (
    "Tạm thời chưa bật/tắt được tin văn bản mới: bot không ghi được dữ liệu. Bot vẫn trả lời câu hỏi bình thường."
)
SUBSCRIBE_ADMINS_ONLY = "Trong nhóm, chỉ quản trị viên của nhóm mới bật/tắt được tin văn bản mới."
SUBSCRIBED = "✅ Đã đăng ký: khi thư viện có văn bản mới, mình sẽ báo ở đây. Thôi nhận tin: /huytheodoi"
SUBSCRIBED_ALREADY = "Cuộc trò chuyện này đã đăng ký nhận tin văn bản mới. Thôi nhận tin: /huytheodoi"
UNSUBSCRIBED = "Đã thôi nhận tin văn bản mới. Đăng ký lại: /theodoi"
UNSUBSCRIBED_ALREADY = "Cuộc trò chuyện này chưa đăng ký nhận tin văn bản mới. Đăng ký: /theodoi"
NEWS_HEADER_HTML = "📢 <b>Thư viện có {count} văn bản mới</b>"
NEWS_MORE = "… và {count} văn bản khác."
NEWS_FOOTER_HTML = "Bấm 🔗 để mở văn bản; xem tất cả: /vanban. Thôi nhận tin: /huytheodoi"
LINK_NOT_FOUND = "Liên kết này chỉ tới một văn bản không còn trong thư viện. Xem danh sách: /vanban"
RELOAD_PROGRESS = "⏳ Đang nạp lại thư mục văn bản: đã phân tích {done}/{total} tệp…"
STATS_UNAVAILABLE = "Thống kê tạm thời không dùng được ({reason}). Bot vẫn trả lời câu hỏi bình thường."

# --- admins: reload reports, statistics, upload previews (HTML where named so; {placeholders} filled in) ---
LIBRARY_EMPTY = "chưa có dữ liệu"
LIBRARY_LINE = "{documents} văn bản, {passages} đoạn{banks}, nạp lúc {when}"
LIBRARY_BANKS = ", {questions} câu hỏi trắc nghiệm từ {files} bộ câu hỏi"
RELOAD_AUTO = "🔄 Thư mục văn bản vừa thay đổi, mình đã tự nạp lại."
RELOAD_DONE_HTML = "✅ Đã nạp lại thư mục văn bản: <b>{library}</b> ({seconds} giây)."
RELOAD_ADDED = "Thêm {count} tệp: {names}"
RELOAD_REMOVED = "Gỡ {count} tệp: {names}"
RELOAD_CHANGED = "Cập nhật {count} tệp: {names}"
RELOAD_UNCHANGED = "Không có văn bản nào thay đổi."
RELOAD_FAILED = "❌ Không nạp lại được: {error}"
RELOAD_UNKNOWN_ERROR = "lỗi không rõ"
RELOAD_KEPT_OLD = "Bot vẫn trả lời bằng dữ liệu cũ ({library})."
RELOAD_SKIPPED_HTML = "⚠️ <b>{count} tệp không đọc được</b> (đã bỏ qua):"
RELOAD_SKIPPED_MORE_HTML = "… và {count} tệp khác (xem bằng lệnh <code>python -m bot index</code>)."
RELOAD_WARNED_HTML = "ℹ️ <b>{count} tệp đọc được, có ghi chú</b>:"
ANSWER_PAGE_RANGE = " — kết quả {first}–{last}"
NAMES_MORE = " … và {count} tệp khác"
WARNING_LINE_HTML = "⚠️ {text}"
FILE_LINE_HTML = "• <code>{name}</code>: {reason}"  # a file named in a report, and why
# why a reload failed, each with what to do ({error} of RELOAD_FAILED)
RELOAD_NOT_PERMITTED = (
    "không có quyền đọc thư mục văn bản {root}. Hãy cấp quyền đọc cho người dùng chạy bot rồi gõ /reload"
)
RELOAD_DISK_FULL = "ổ đĩa đã đầy nên không ghi được bộ nhớ đệm chỉ mục. Hãy giải phóng chỗ trống rồi gõ /reload"
RELOAD_NO_FOLDER = (
    "không thấy thư mục văn bản {root} (ổ đĩa chưa gắn hoặc thư mục bị đổi tên?). Hãy kiểm tra rồi gõ /reload"
)
RELOAD_NO_MEMORY = "không đủ bộ nhớ để đọc thư mục văn bản. Hãy bớt hoặc tách các tệp rất lớn rồi gõ /reload"
RELOAD_DISK_ERROR = "lỗi ổ đĩa khi đọc thư mục văn bản ({error}). Hãy kiểm tra ổ đĩa rồi gõ /reload"
RELOAD_UNEXPECTED = (
    "gặp lỗi bất ngờ khi đọc thư mục văn bản. Hãy thử /reload lại sau ít phút; nếu vẫn lỗi, gửi nhật ký "
    "của bot (journalctl -u nghiquyet-bot hoặc docker compose logs bot) cho người phụ trách kỹ thuật"
)

STATS_HEADER_HTML = "📊 <b>Thống kê</b> (giờ Việt Nam)"
STATS_TODAY_HTML = "Hôm nay: <b>{count}</b> câu hỏi"
STATS_WEEK_HTML = "Tuần này (từ thứ Hai {start}): <b>{count}</b> câu hỏi, {users} người hỏi"
STATS_ANSWERED = "Tìm được câu trả lời: {share}"
STATS_FEEDBACK = (
    "Góp ý tuần này: 👍 {helpful_week} · 👎 {unhelpful_week} "
    "(từ trước tới nay: 👍 {helpful_total} · 👎 {unhelpful_total})"
)
STATS_UNANSWERED_HTML = "<b>Câu hỏi chưa tìm được câu trả lời, hỏi nhiều nhất tuần này:</b>"
STATS_UNANSWERED_LINE_HTML = "{n}. «{question}» — {count} lần"
STATS_LIBRARY = "Thư viện: {library}"
STATS_LIBRARY_SKIPPED = "; {count} tệp bị bỏ qua"
STATS_RETENTION_HTML = (
    "<i>Nội dung câu hỏi được lưu {days} ngày, sau đó chỉ còn số liệu; không lưu danh tính người hỏi.</i>"
)
STATS_NO_RETENTION_HTML = "<i>Không lưu nội dung câu hỏi; không lưu danh tính người hỏi.</i>"
# statistics that could not be written: the cause, and what to do
STATS_FAILED = (
    "⚠️ Không ghi được thống kê ({cause}; {count} lần từ lần báo trước). "
    "Bot vẫn trả lời bình thường, chỉ số liệu /thongke bị thiếu. {fix}."
)
STATS_DISK_FULL = "ổ đĩa đã đầy"
STATS_DISK_FULL_FIX = "Hãy giải phóng chỗ trống trên ổ đĩa chứa thư mục dữ liệu"
STATS_READ_ONLY = "không có quyền ghi"
STATS_READ_ONLY_FIX = "Hãy cấp quyền ghi thư mục dữ liệu cho người dùng chạy bot"
STATS_ERROR_FIX = "Hãy kiểm tra ổ đĩa và tệp cơ sở dữ liệu thống kê"

UPLOAD_TOO_BIG_FOR_TELEGRAM = "tệp quá lớn để bot tải qua Telegram (tối đa 20 MB)"
UPLOAD_TELEGRAM_ERROR = "lỗi từ Telegram: {error}"
PREVIEW_TYPE = "Loại văn bản"
PREVIEW_NUMBER = "Số hiệu"
PREVIEW_DATE = "Ngày ban hành"
PREVIEW_ISSUER = "Cơ quan ban hành"
PREVIEW_TITLE = "Tên"
PREVIEW_CONTENT = "Nội dung"
PREVIEW_CONTENT_VALUE = "{sections} mục, {passages} đoạn"
PREVIEW_UNKNOWN = "không rõ"
PREVIEW_MISSING = "không thấy"
NEWS_DATE = ", ngày {date}"
HEADING_SEPARATOR = " › "
