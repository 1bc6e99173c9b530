"""What kind of answer a question wants, from its question words, in Vietnamese or English.

"Ai …" / "who …" wants a person, "ở đâu" / "where" a place, "cơ quan nào" / "which agency"
an organisation, "bao nhiêu tiền" / "how much" an amount of money, "bao lâu" / "how long" a
duration, "bao xa" / "how far" a figure (a count or a measure), "vì sao" / "why" a reason. The
answer engine offers candidates of every kind (:mod:`qa.candidates`) and the fitted ranker
(:mod:`qa.ranker`) learns how well each kind of candidate fits each expected type, so these
rules only read the question; they know nothing about any article.

Question words are grammar, not domain vocabulary: a short closed list per language. A rule
matching at the question's first word wins (English and "Ai …" questions open with their
question word, and a later "when" belongs to a clause); otherwise rules are tried in order and
the first that matches wins, so the more specific ones come first ("bao nhiêu tiền" is money
before "bao nhiêu" is a count).
"""

from __future__ import annotations

import re
from typing import Literal, TypeVar

from qa.diacritics import typed_bare
from qa.language import detect_language
from vectorstore.text import fold_diacritics, nfc, one_tone_placement

AnswerType = Literal["person", "place", "organisation", "count", "money", "percent", "date", "duration",
                     "document", "reason", "phrase"]
ANSWER_TYPES: tuple[AnswerType, ...] = ("person", "place", "organisation", "count", "money", "percent", "date",
                                        "duration", "document", "reason", "phrase")

# The rules are written with their diacritics and read a question typed with them as typed:
# folded, "viên nào" (which athlete) would be "viện nào" (which institute), "vũ khí nào" (which
# weapon) "khi nào" (when), "giá vé" (ticket price) "gia" (family). A question typed without them
# (names and codes aside: :func:`qa.diacritics.typed_bare`) is read by the same rules folded, where those pairs
# cannot be told apart.

# Nouns that name a unit of time, after "how many" / "bao nhiêu": the question wants a duration.
_TIME_UNITS_VI = r"(?:năm|tháng|tuần|ngày|giờ|phút|giây|thế kỷ|thế kỉ|thập kỷ|thập kỉ|thập niên)"
_TIME_UNITS_EN = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)"
_ORG_NOUNS_VI = (r"(?:cơ quan|tổ chức|công ty|tập đoàn|doanh nghiệp|hãng|ngân hàng|đơn vị|bệnh viện|trường|"
                 r"câu lạc bộ|clb|đội|đảng|bộ|sở|cục|viện|toà( án)?|tòa( án)?|hãng tin|hãng thông tấn|báo|"
                 r"tạp chí|quỹ|hiệp hội|liên đoàn|uỷ ban|ủy ban|tổng công ty|nhà mạng|trang|mạng xã hội|"
                 r"phong trào|nhóm|đài|kênh|nhà đài|bảo tàng|nhà hát|nhà xuất bản|hãng phim|hãng hàng không|"
                 r"nghiệp đoàn|công đoàn|học viện|hợp tác xã|chi cục|đại sứ quán|sứ quán|lãnh sự quán|"
                 r"tổng lãnh sự quán|văn phòng đại diện|cơ quan đại diện|phái đoàn|"
                 # (not "trung tâm thành phố nào": which city's centre)
                 r"trung tâm(?! (?:thành phố|tỉnh|huyện|quận|thị xã|xã|thủ đô))|"
                 # a named product is answered like a body, by its name ("ứng dụng nào": "Facebook Messenger")
                 r"ứng dụng|phần mềm|nền tảng|trang web)")
_ORG_NOUNS_EN = (r"(?:organi[sz]ation|company|companies|agency|bank|firm|group|team|club|party|newspaper|"
                 r"ministry|court|hospital|university|school|department|unit|airline|carrier|news agency|"
                 r"movement|body|authority|corporation|association|federation|committee|institute|"
                 r"network|website|brand|publisher|station|channel|union|council|fund|manufacturer|"
                 r"developer|investor|business|enterprise|outlet|magazine|broadcaster|television|tv|app|"
                 r"platform|software|embassy|embassies|consulate|procuracy|procuratorate|bureau|directorate|"
                 # (not "What office did he hold", a post)
                 r"office(?! (?:did|does|do|was|is|were|will|has|had)\b))")
_PLACE_NOUNS_VI = (r"(?:nơi|căn cứ( không quân| quân sự| hải quân)?|địa điểm|địa bàn|tỉnh|thành phố|tp|quốc gia|nước|xã|huyện|quận|phường|đường|phố|"
                   r"khu vực|vùng|thị trấn|thị xã|làng|bản|ấp|đảo|cảng|sân bay|cầu|sông|biển|châu lục|"
                   r"khách sạn|toà nhà|tòa nhà|chung cư|khu đô thị|khu dân cư|khu công nghiệp|dự án|sân vận động|sân|"
                   r"công viên|bãi biển|núi|(?<!đồng )hồ(?! sơ)|đèo|quốc lộ|tỉnh lộ|tuyến đường|cửa khẩu|bến( xe| cảng| phà)?|nhà ga|"
                   r"thôn|xóm|ngã (?:ba|tư|năm|sáu)|nút giao|khu phố|thủ đô|trại giam|nhà tù)")
_PLACE_NOUNS_EN = (r"(?:country|countries|city|province|district|commune|ward|street|road|place|bridge|"
                   r"airport|region|town|village|island|port|location|area|state|nation|continent|river|"
                   r"sea|hotel|building|venue|stadium|site|apartment|beach|mountain|lake|highway|square|"
                   r"stream|creek|canal|valley|forest|park|market|school|hospital|prison|camp|base)")
# Nouns that name a person by role: "nghị sĩ nào", "which deputy". A word between the role and
# "nào" may qualify it ("đại biểu Quốc hội nào", "nghị sĩ Mỹ nào"), unless it names an
# organisation or place: "giám đốc công ty nào" asks which company.
# Only nouns that stay distinct once folded: "anh" (he) would be "ảnh" (photo), "chị" "chi"
# ("chi tiết"), "cô" "cơ" ("động cơ"), "học viên" "học viện" (an academy).
_PERSON_NOUNS_VI = (r"(?:người|đồng chí|ông|bà|cầu thủ|huấn luyện viên|hlv|"
                    r"bị can|bị cáo|nghi phạm|đối tượng|nạn nhân|bệnh nhân|tài xế|lái xe|phi công|"
                    r"vận động viên|giáo viên|giảng viên|sinh viên|nhân viên|phóng viên|biên tập viên|"
                    r"thành viên|diễn viên|uỷ viên|ủy viên|đảng viên|điều tra viên|kiểm sát viên|thuyền viên|"
                    r"tiếp viên|hướng dẫn viên|quan sát viên|phát thanh viên|nghiên cứu viên|nghị sĩ|ca sĩ|nhạc sĩ|bác sĩ|nghệ sĩ|hoạ sĩ|họa sĩ|võ sĩ|chiến sĩ|binh sĩ|"
                    r"tiến sĩ|thạc sĩ|luật sư|kỹ sư|kĩ sư|giáo sư|kiến trúc sư|đại biểu|đại sứ(?! quán)|thủ tướng|"
                    r"tướng|bộ trưởng|thứ trưởng|hiệu trưởng|thuyền trưởng|trưởng đoàn|trưởng phòng|"
                    r"chủ tịch|phó chủ tịch|giám đốc|tổng giám đốc|bí thư|tổng thống|phó tổng thống|"
                    r"thống đốc|thị trưởng|lãnh đạo|quan chức|thẩm phán|chánh án|tay vợt|thủ môn|tiền đạo|"
                    r"tiền vệ|hậu vệ|danh thủ|tuyển thủ|tỷ phú|tỉ phú|hoa hậu|á hậu|người mẫu|học sinh|"
                    r"nữ sinh|nam sinh|nhà báo|nhà văn|nhà thơ|nhà khoa học|nhà nghiên cứu|nhà ngoại giao|"
                    r"nhà sử học|nhà kinh tế|nhà vô địch|chuyên gia|ngôi sao|diva|mc|"
                    r"phát ngôn viên|người phát ngôn|ứng viên|ứng cử viên|thí sinh|con trai|con gái|"
                    r"trọng tài|phạm nhân|tù nhân|tử tù|cung thủ|xạ thủ|kỳ thủ|tay đua|kình ngư|đô vật|lực sĩ|"
                    r"quản giáo|cảnh sát|y tá|điều dưỡng|ngư dân|nông dân|công nhân|du khách|hành khách|"
                    r"doanh nhân|đạo diễn|tác giả|hung thủ|nhân chứng|thanh niên|thiếu niên|đặc phái viên|"
                    r"phái viên|đặc sứ|trưởng thôn|trưởng bản|trưởng ấp|trưởng xóm|trưởng khu phố)")
_PERSON_NOUNS_EN = (r"(?:person|man|woman|player|coach|official|suspect|defendant|leader|minister|president|"
                    r"actor|actress|singer|artist|author|candidate|doctor|judge|driver|deputy|lawmaker|"
                    r"legislator|mp|athlete|commander|teacher|journalist|captain|chairman|chairwoman|"
                    r"chairperson|prosecutor|reporter|officer|politician|senator|governor|mayor|"
                    r"ambassador|diplomat|spokesman|spokeswoman|spokesperson|scientist|researcher|"
                    r"composer|director|ceo|executive|footballer|striker|goalkeeper|midfielder|defender|"
                    r"student|pupil|victim|boy|girl|child|businessman|businesswoman|billionaire|tycoon|pilot|"
                    r"soldier|policeman|policewoman|lawyer|engineer|professor|expert|employee|worker|monk|"
                    r"king|queen|prince|princess|rapper|designer|writer|poet|painter|photographer|"
                    r"musician|contestant|winner|runner-up|champion|secretary|founder|owner|"
                    r"patient|passenger|tourist|resident|farmer|fisherman|star|celebrity|beauty queen|"
                    r"miss|singer-songwriter|producer|investigator|detective|inspector|nominee|mc|host|presenter|emcee|"
                    r"referee|umpire|inmate|prisoner|archer|shooter|swimmer|wrestler|cyclist|boxer|racer|"
                    r"warden|nurse|witness|gunman|attacker|assailant|envoy|negotiator|chancellor|"
                    r"activist|teenager|villager|novelist|filmmaker|entrepreneur|colonel|lieutenant|sergeant|"
                    r"major general|killer|murderer|robber|thief|commentator|priest|protester)")

# Words that cannot qualify the noun after "which" / "what": "What did the man steal?" asks no person.
_NOT_QUALIFIERS_EN = (r"(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|should|may|might|the|a|an|"
                      r"of|in|on|at|for|to|with|by|from|that|this|these|those|kind|type|sort)")

# "How long is the railway": a way's length, not a time
_LENGTH_OF_A_WAY = (r" (is|was|will be|would be) (the|this|that|a|an|its)( [\w-]+){0,4}? (railway|railroad|road|highway|"
                    r"expressway|motorway|bridge|tunnel|river|line|route|track|runway|wall|coastline|border|pipeline|"
                    r"canal|street|trail|cable|dam|dyke|dike)\b"
                    # and not "how long was the bridge closed"
                    r"(?= ?\?| ?$| (?:linking|between|from|of|in|connecting|across|along|that|which|running|to)\b)")

# A measure ("cách bao xa", "how far", "nặng bao nhiêu kg", "at what speed") is asked as a count
# of its unit: the same candidates ("8m", "17 kg", "120 km/h") answer "dài bao nhiêu km". Such a
# question is also offered figures with their unit written apart ("241 km": :func:`asks_measure`).
_MEASURE_WRITTEN = (
    r"\bbao xa\b|\b(dài|cao|nặng|sâu|rộng|xa|nhanh|mạnh) (khoảng )?bao nhiêu\b|\bcấp mấy\b|"
    r"\b(tốc độ|vận tốc|cường độ|độ cao|độ sâu|chiều dài|chiều cao|diện tích|trọng lượng|khoảng cách|lưu lượng|"
    r"điện áp|lượng mưa|mực nước|công suất|dung tích|khối lượng|quãng đường|cự ly)"
    # near "bao nhiêu", or farther when nothing but a unit follows it ("… lượng mưa đo được trong 24
    # giờ ở huyện Sìn Hồ là bao nhiêu?"), not "công suất lớn nhất … tuyển bao nhiêu công nhân"
    r"(( \w+){0,4}? (là )?(khoảng )?bao nhiêu\b|( \w+){5,9}? (là )?(khoảng )?bao nhiêu"
    r"(?= \?|$| (km|cm|mm|m|kg|tấn|mét|lít|ha|hải lý|độ|mw|kw|m3)\b))|"
    r"\bbao nhiêu (km|cm|mm|m|kg|tấn|tạ|mét|lít|ha|héc-ta|hecta|hải lý|độ(?! tuổi)|km/h|km/giờ|cây số|mét vuông|"
    r"mét khối)\b|"
    r"\bhow (far|tall|high|heavy|deep|fast|wide)\b|\bhow long" + _LENGTH_OF_A_WAY + "|"
    r"\b(what|which|at what) (was the |is the |were the )?((maximum|minimum|average|top|total|peak|highest|lowest|"
    r"record) )?(distance|speed|height|depth|weight|length|width|altitude|size|magnitude|temperature|area|flow|"
    r"outflow|voltage)\b|"
    r"\bhow much (rain|rainfall|snow|snowfall)\b|\b(what|which) (was|is|were) the( \w+)? (rainfall|water level)\b|"
    r"\bhow many (km|kilometres|kilometers|metres|meters|miles|tonnes|tons|kilograms|kg|litres|liters|hectares|"
    r"degrees|nautical miles|square metres|square meters)\b")

# "mấy ngày qua" (these few days), "mấy năm nay" (these few years) ask nothing: "mấy" is "several".
_SEVERAL = r" (qua|nay|trước|gần đây|tới)\b"

_RULES_WRITTEN: list[tuple[AnswerType, str]] = [
    ("reason",
     r"\b(tại sao|vì sao|vì (lý|lí) do gì|vì lẽ gì|(lý|lí) do (gì|nào|là gì)|nguyên nhân (gì|nào|là gì)|do đâu|"
     r"((lý|lí) do|nguyên nhân)( (?!tên\b)\w+){0,15} là gì|"
     r"để làm gì|nhằm mục đích gì|mục đích (gì|là gì))\b|^why\b|\bwhy\b|\bwhat (was|is|were|are) the reason\b|"
     r"\bfor what (reason|purpose)\b|\bwhat caused\b|"
     r"\bwhat (did|do|does|had|have|has)\b[^?]{0,80}? (say|said|believe|think|suspect|conclude|determine|blame)d? "
     r"(had |has |might have |may have )?(caused|led to)\b|\bwhat (was|is) the cause\b"),
    ("document",
     r"\b(quyết định|nghị quyết|kế hoạch|đề án|văn bản|chỉ thị|hướng dẫn|quy định|thông báo|công văn|"
     r"nghị định|thông tư|(?<!kỷ )(?<!kỉ )(?<!hãng )(?<!phòng )(?<!ty )luật|đạo luật|bộ luật|dự luật|hiệp định|"
     r"hiệp ước)( số)? (nào|gì)\b|\bsố hiệu\b|"
     # the issuer may stand before the noun ("Which Politburo resolution", "which Hà Nội decision")
     # (a possessive asks for the owner: "Which minister's decision …" asks a person)
     rf"\b(which|what)(?: (?!{_NOT_QUALIFIERS_EN}\b)[\w-]+(?!'s)){{0,3}}? (decision|resolution|plan|document|"
     r"directive|regulation|project|guideline|instruction|decree|circular|law(?! (firm|office|school|student)s?\b)|"
     r"act(?! of\b)|bill|treaty|statute)\b|\bdocument (number|code)\b|"
     r"\b(?<!giai )điều( luật)? (nào|bao nhiêu|mấy)\b|\b(under|by|in) (which|what) (article|clause)\b|"
     r"\b(which|what) (article|clause) of\b"),
    ("percent",
     rf"\bbao nhiêu phần trăm\b|\bphần trăm\b|\btỷ lệ\b|\btỉ lệ\b|"
     # a share is a percentage: "chiếm bao nhiêu thị phần", "thị phần của X là bao nhiêu"
     rf"\bbao nhiêu (thị phần|tỷ trọng|tỉ trọng)\b|\b(thị phần|tỷ trọng|tỉ trọng)( \w+){{0,6}}? (là |đạt |chiếm )?(khoảng )?bao nhiêu\b|\b(what|which)(?: (?!{_NOT_QUALIFIERS_EN}\b)[\w-]+){{0,3}}? "
     r"(percentage|percent|share(?! (?:price|capital))|proportion|fraction|rate|ratio)\b|\bhow many percent\b|\bby how much percent\b|%|"
     # the asked noun after its modifiers ("What was Techcombank's capital adequacy ratio", "the jobless rate")
     r"\bwhat (was|is|were|are) (the|[\w-]+'s)( [\w-]+){0,3}? (percentage|share(?! (?:price|capital))|proportion|ratio|(?<!exchange )(?<!central )rate)\b"),
    ("money",
     r"\bbao nhiêu tiền\b(?! án)|\bbao nhiêu (đồng(?! (chí|bào|nghiệp|đội|hành|thời|ý))|usd|đô la|tỷ|tỉ|triệu|"
     r"nghìn|ngàn)\b|\b((?<!đánh )giá( \w+){0,6}?(?= (là |ở mức |ở |vào khoảng )?(khoảng )?bao nhiêu(?! (phần trăm|%|lần|điểm))\b)|trị giá|giá trị|mức phạt|chi phí|lương|thu nhập|doanh thu|lợi nhuận|"
     r"vốn|số tiền|tiền) (là |ở mức |ở |vào khoảng )?(bao nhiêu|khoảng bao nhiêu)\b|"
     r"\b((?<!đánh )giá|trị giá) (chỉ )?(từ )?bao nhiêu\b|"
     # a sum's noun farther from "bao nhiêu" when nothing it could count follows ("Thu nhập bình quân
     # của người lao động là bao nhiêu?"; not "tăng lương cho bao nhiêu người")
     r"\b(trị giá|giá trị|mức phạt|chi phí|lương(?! thực| tâm| y)|thu nhập|doanh thu|lợi nhuận|số tiền|tiền thưởng|kinh phí|"
     r"(?:tổng )?(?:mức|vốn) đầu tư|tổng vốn)"
     r"( (?!số\b)[\w/-]+){1,10}? (là |ở mức |ở |vào khoảng |đạt |lên tới |lên đến )?(khoảng )?bao nhiêu(?= ?\?| ?$)|\bhow much (money|did|does|do|was|were|is|are|will|had|has|"
     r"in|of)\b|\bhow much\b(?! (time|longer|older|younger|taller|bigger|higher|larger|more time|rain|rainfall|snow|snowfall)\b)(?! \w+ time\b)|"
     r"\bwhat (was|is|were|are) (the|[\w-]+'s) ((?!of\b)[a-z]+ ){0,2}?(price|cost|value|amount|fine|salary|wage|pay|fee|budget|revenue|profit|"
     r"compensation|bail|loss|damage)s?\b|\bat what price\b|\bhow expensive\b|"
     # how far one price stood above another ("How much higher was the gold price than …")
     r"\bhow much (higher|lower|more|less|cheaper|dearer)\b(?=.*\b(price|cost|fee|fare|salary|wage|revenue|profit)s?\b)"),
    ("duration",
     rf"\bbao lâu\b|\bbao nhiêu {_TIME_UNITS_VI}\b(?! (nào|bao nhiêu))|\bmấy (năm|tháng|tuần|ngày|phút)\b(?!{_SEVERAL})|"
     rf"\bhow long\b(?!{_LENGTH_OF_A_WAY})|\bhow much( \w+)? time\b|"
     rf"\bhow many {_TIME_UNITS_EN}\b|\bfor how (long|many)\b|\b(prison|jail) (term|sentence)s?\b|\bmức án\b|\bmấy năm tù\b|\bbao nhiêu năm tù\b"),
    ("date",
     r"\b(ngày( \w+){0,2} nào|khi nào|lúc nào|bao giờ|thời gian nào|ngày bao nhiêu|năm nào|tháng nào|"
     r"thời điểm nào|ngày mấy|lúc mấy giờ|mấy giờ|giờ nào|(hôm|đêm|sáng|trưa|chiều|tối|rạng sáng)( hôm)? nào)\b|^when\b|\bwhen (was|were|did|is|does|will|had|has|do|are|would|could|can|should|must|might)\b|"
     r"\b(what|which) (date|day|year|month|time|week)\b|"
     # a part of the day asked, not "Which Evening Standard photographer"
     r"\b(what|which) (night|morning|afternoon|evening|weekend) (did|does|do|was|were|is|are|will|had|has|of|in)\b|\bon what (date|day)\b|\bin what (year|month)\b|"
     r"\bwhen\b(?= ?\?| ?$)|\b(since|until|till|from|by) when\b"),
    ("count",
     rf"\bbao nhiêu\b|\bmấy\b(?! (ngày|hôm|tuần|tháng|năm|bữa|lần|dịp){_SEVERAL})|\bsố lượng\b|"
     r"\bhow many\b|\bwhat (number|total)\b|\bnumber of\b|\bhow (old|young)\b|\bbao nhiêu tuổi\b|\bmấy tuổi\b|"
     r"\b(what|which) (was|is|were) the( [\w-]+){0,2}? score\b|\b(by|with) what score\b|"
     r"\b(tỷ|tỉ) số (cuối cùng |chung cuộc )?(là )?(nào|gì|mấy)\b|"
     + _MEASURE_WRITTEN),
    ("person",
     r"^ai\b(?! (cập|len)\b)|\bai (là|đã|được|giữ|làm|phụ trách|ký|kí|đứng đầu|chủ trì|phát biểu|cho biết|sẽ|bị|"
     r"đang|còn|từng|vừa|trả lời|dẫn|chỉ đạo|khởi tố)\b|\blà ai\b|\b(của|với|cho|bởi|và) ai\b|"
     rf"\b(?<!cơ quan )(?<!lực lượng )(?<!phòng )(?<!đoàn )(?<!hội )(?<!cục )(?<!sở )(?<!đội )"
     rf"{_PERSON_NOUNS_VI}(?: (?!(?:{_ORG_NOUNS_VI}|{_PLACE_NOUNS_VI})\b)\w+){{0,2}} nào\b|"
     r"\btên (là )?gì\b|\bhọ tên\b|\bwho\b|\bwhom\b|\bwhose\b|\bwhat is the name\b|\bwhat (was|is) (his|her) name\b|"
     # (English puts the head last: "Which Bach Mai hospital deputy director" asks a person)
     rf"\b(which|what)(?: (?!{_NOT_QUALIFIERS_EN}\b)[\w-]+){{0,3}} {_PERSON_NOUNS_EN}\b"),
    ("organisation",
     rf"\b{_ORG_NOUNS_VI}( \w+)?( \w+)? nào\b|"
     rf"\b(which|what)(?: (?!{_NOT_QUALIFIERS_EN}\b)[\w-]+(?:'s)?){{0,2}} {_ORG_NOUNS_EN}\b"),
    ("place",
     rf"\bở đâu\b|\btại đâu\b|\b(đến|tới|(?<!thuộc )về|sang|(?<!dựa )(?<!căn cứ )(?<!thấm )vào) đâu\b|\btừ đâu\b|\bđâu\?|\b{_PLACE_NOUNS_VI}( \w+)? nào\b|\bwhere\b|"
     rf"\b(which|what)(?: (?!(?:{_NOT_QUALIFIERS_EN}|{_PERSON_NOUNS_EN}|{_ORG_NOUNS_EN})\b)[\w-]+){{0,2}} "
     rf"{_PLACE_NOUNS_EN}\b(?! (?:term|sentence)s?\b)|\bin which (country|city|province)\b"),
]

def _folded_rule(rule: str) -> str:
    """``rule`` with its words folded ("viện nào" -> "vien nao"), for questions typed bare."""
    # an escape ("\\b", "\\w") is passed over whole, so its letter never joins the word after it
    return re.sub(r"\\.|[^\W\d_]+", lambda m: m.group() if m.group().startswith("\\") else fold_diacritics(m.group()),
                  rule)


_Pair = tuple[re.Pattern[str], re.Pattern[str]]
K = TypeVar("K")


def _pair(rule: str) -> _Pair:
    """``rule`` compiled as written (tone placement made one) and folded."""
    return re.compile(one_tone_placement(rule)), re.compile(_folded_rule(rule))


_RULES: list[tuple[AnswerType, _Pair]] = [(kind, _pair(rule)) for kind, rule in _RULES_WRITTEN]
_MEASURE = _pair(_MEASURE_WRITTEN)


def _read(question: str) -> tuple[str, str, bool]:
    """``question`` as the rules read it: lower case, one tone placement, "?" apart; folded; and
    whether it was typed bare (then only the folded rules can match)."""
    text = " ".join(one_tone_placement(nfc(question).lower()).replace("?", " ?").split())
    return text, fold_diacritics(text), typed_bare(question)


def _search_all(pairs: list[tuple[K, _Pair]], question: str) -> list[tuple[K, re.Match[str]]]:
    """The rules that match ``question``, each with its match. Typed with diacritics, the rules are
    read as written; if none matches, the question may still hold its question words typed bare
    ("Bao nhieu liều vắc xin …?"), and the folded rules are tried."""
    text, folded, bare = _read(question)  # folding keeps the length of NFC text, so offsets hold
    if bare:
        return [(kind, m) for kind, (_, folded_rule) in pairs if (m := folded_rule.search(folded))]
    found = [(kind, m) for kind, (written, _) in pairs if (m := written.search(text))]
    if found:
        return found
    # only where the words were typed bare: "vũ khí nào" still is no "khi nào"
    return [(kind, m) for kind, (_, folded_rule) in pairs
            if (m := next((m for m in folded_rule.finditer(folded) if text[m.start():m.end()] == m.group()), None))]


def _search(pair: _Pair, question: str) -> re.Match[str] | None:
    """One rule's match in ``question``, read as :func:`_search_all` reads it."""
    found = _search_all([(None, pair)], question)
    return found[0][1] if found else None


# Question words that, typed without diacritics, are also common words ("máy", "may").
AMBIGUOUS_BARE = {"may"}
_BARE_MAY_ASKS = re.compile(r"may(?= \w+(?: \w+)?(?: \?| ?$| (?:da|duoc|bi|co|tham gia|trong|tai|o)\b))")


_OPENING_PREPOSITION = re.compile(r"(?i)(in|at|on|from|to|for|by|with|of|under|since|until|during|into|after|"
                                  r"before|through|against|among|between|over) ")


def expected_type(question: str) -> AnswerType:
    """The answer type ``question`` asks for; ``phrase`` when no question word says more.

    >>> expected_type("Hãng Lion Air bồi thường bao nhiêu tiền cho mỗi gia đình?")
    'money'
    >>> expected_type("How long after take-off did the plane crash?")
    'duration'
    """
    found = _search_all(_RULES, question)
    # Typed bare, "may" is "mấy" (how many) or "máy" ("máy bay", "nhà máy"), and in English a modal
    # or a month: a plainer question word elsewhere ("May bay … thanh pho nao?") says what is asked;
    # alone, it asks how many only in a Vietnamese question and before a short noun and its verb
    # ("May nguoi bi thuong?", not "Nha may Formosa xa thai gi?").
    plain = [(kind, m) for kind, m in found if m.group() not in AMBIGUOUS_BARE]
    if len(plain) < len(found) and not plain:
        folded = _read(question)[1]
        english = detect_language(question) == "en"
        plain = [(kind, m) for kind, m in found if not english and _BARE_MAY_ASKS.match(folded, m.start())]
    found = plain
    # A question that opens with its question word ("How many people were hurt when …",
    # "Ai là CEO …, người …") is typed by that word, not by a "when" / "who" in a later clause.
    # A preposition may open it ("In which US state did the student who …", "To which country …").
    opening = _OPENING_PREPOSITION.match(question)
    leading = [kind for kind, m in found if m.start() <= (opening.end() if opening else 0)]
    kind = (leading or [kind for kind, _ in found] or ["phrase"])[0]
    # "sinh năm bao nhiêu" asks which year, though its "bao nhiêu" reads as a count; only with its
    # diacritics is "năm" surely the year ("Quảng Nam bao nhiêu" is not), so asks_year decides.
    return "date" if kind == "count" and asks_year(question) else kind


def asks_measure(question: str) -> bool:
    """Whether ``question`` asks for a measure ("cách bao xa", "how far", "nặng bao nhiêu kg"):
    only then is a figure with its unit of measurement ("241 km") offered as its answer."""
    return _search(_MEASURE, question) is not None


# What a measure question measures, most specific first ("km/h" before "km", an area's "m2"
# before a length's "m"); its unit, when it names one, says it too.
_DIMENSIONS: list[tuple[str, _Pair]] = [(dimension, _pair(rule)) for dimension, rule in [
    ("speed", r"\bhow fast\b|\b(tốc độ|vận tốc|nhanh|speed|velocity)\b|km/h|km/giờ|\bm/s\b"),
    ("flow", r"\b(lưu lượng|flow|outflow|inflow|discharge)\b|m3/s"),
    ("voltage", r"\b(điện áp|voltage|kv)\b"),
    ("temperature", r"\b(nhiệt độ|temperature)\b|\bđộ c\b|°c"),
    ("magnitude", r"\b(richter|magnitude|cường độ|độ lớn)\b|\bmạnh (khoảng )?bao nhiêu độ\b|\bcấp mấy\b"),
    ("area", r"\b(diện tích|area|ha|héc-ta|hecta|mét vuông|km2|m2|hectares?|square)\b"),
    ("volume", r"\b(lít|mét khối|m3|litres?|liters?|volume)\b"),
    ("weight", r"\b(nặng|heavy|weigh\w*|trọng lượng|kg|tấn|tạ|yến|tonnes?|tons?|kilograms?)\b"),
    ("distance", r"\b(bao xa|how far|distance|khoảng cách|cách|dài|cao|sâu|rộng|how (tall|high|deep|wide)|height|depth|"
                 r"lượng mưa|mực nước|quãng đường|cự ly|rain|rainfall|snowfall|water level|"
                 r"length|width|altitude|km|cm|mm|mét|cây số|hải lý|dặm|miles?|metres?|meters?|kilometres?|"
                 r"kilometers?|feet|inch)\b"),
]]


def measure_asked(question: str) -> str | None:
    """What a measure question measures ("distance" for "how far", "weight" for "nặng bao nhiêu"),
    None when it asks no measure or does not say."""
    if not asks_measure(question):
        return None
    # the first the question names: "How far is the Bikoro area?" asks a distance; at one place the
    # more specific rule ("km/h" before "km")
    found = sorted(_search_all(_DIMENSIONS, _without_names(question)), key=lambda found: found[1].start())
    return found[0][0] if found else None


def _without_names(question: str) -> str:
    """``question`` with the words of its names blanked: "Da Nang" is not "nặng" (heavy), nor "Cao
    Bằng" a height, however they fold. A name's word is capitalised after the first word; a
    question typed in capitals or in title case says nothing so, and is left whole."""
    text = nfc(question)
    spots = list(re.finditer(r"[^\W\d_]+", text))[1:]
    capitalised = [m for m in spots if m.group()[:1].isupper()]
    if len(capitalised) * 2 > len(spots):
        return text
    for m in capitalised:
        text = text[:m.start()] + " " * len(m.group()) + text[m.end():]
    return text


# "Mỗi năm bao nhiêu người …" (a year's count) asks no year. Typed bare, "nam bao nhieu" may be
# "Việt Nam bao nhiêu" or "Quảng Nam bao nhiêu", so only "nam nao" / "what year" count then.
_YEAR_ASKED = re.compile(r"\b(năm nào|(?<!mỗi )(?<!một )(?<!hằng )(?<!hàng )(?<!mấy )năm bao nhiêu|(what|which) year)\b")
_YEAR_ASKED_FOLDED = re.compile(r"\b(nam nao|(what|which) year)\b")


_CLOCK_TIME = _pair(r"\b(mấy giờ|giờ nào|what time|what hour)\b")


def asks_clock_time(question: str) -> bool:
    """Whether ``question`` wants a time of day ("lúc mấy giờ", "at what time"): a date does not answer it."""
    return _search(_CLOCK_TIME, question) is not None


# A question that says "percent" (not a "rate" or "tỷ lệ", which may be a price): never money.
_SAYS_PERCENT = re.compile(r"phần trăm|phan tram|%|\bpercent", re.IGNORECASE)
# A question that asks a kind ("hình thức kỷ luật gì", "thể loại nào", "what kind of song"): a kind
# is no person, though the person it befell stands beside it. Not "loại" nor "dạng", which are
# also verbs ("loại cầu thủ nào", to drop; "nhận dạng nạn nhân nào", to identify).
_ASKS_KIND = re.compile(r"(?<!\w)(?:hình thức|hinh thuc|kiểu|kieu|thể loại|the loai)(?: [^\W\d_]+){0,2}? "
                        r"(?:gì|gi|nào|nao)(?!\w)|\b(?:what|which) (?:kinds?|types?|forms?|sorts?) of\b",
                        re.IGNORECASE)


def says_percent(question: str) -> bool:
    """Whether ``question`` says "percent" ("phần trăm", "%"): a sum of money does not answer it."""
    return _SAYS_PERCENT.search(question) is not None


def asks_kind(question: str) -> bool:
    """Whether ``question`` asks a kind or form ("bằng hình thức gì", "what kind of"): a person does not answer it."""
    return _ASKS_KIND.search(question) is not None


def asks_year(question: str) -> bool:
    """Whether ``question`` wants a year ("năm nào", "in what year"): a day and month alone do not answer it."""
    text, folded, bare = _read(question)
    return (_YEAR_ASKED_FOLDED.search(folded) if bare else _YEAR_ASKED.search(text)) is not None


_ASKED_VI = re.compile(r"((?:\w+ ){0,2}\w+) (?:nào|gì)\b")
# Words that end a noun phrase before "nào" / "gì" (verbs' markers, prepositions, plurals), with
# their diacritics: folded, "đã" (past) would be "đá" (football, "bóng đá nào"), "có" "cơ" ("cơ quan").
_NOT_NOUNS = {"là", "được", "bị", "đã", "ở", "tại", "của", "với", "cho", "bằng", "làm", "về", "và", "khi", "lúc",
              "ngày", "năm", "tháng", "từ", "đến", "vì", "sao", "thế", "vào", "trong", "theo", "những", "các",
              "mỗi", "từng", "sẽ", "đang", "có", "ra", "lên", "xuống", "trên", "dưới", "sang", "tới", "qua"}
_ASKED_VI_FOLDED = re.compile(_folded_rule(_ASKED_VI.pattern))
# typed bare, a stop word that folds onto a noun is no stop: đá, cơ, Đảng, vé, tài, bang, tội
_NOT_NOUNS_FOLDED = {fold_diacritics(w) for w in _NOT_NOUNS} - {"da", "co", "dang", "ve", "tai", "bang", "toi"}


# "which bridge", "which French minister", "what test range", "In which district": up to four
# words after "which" / "what", ending before the first that cannot be part of the noun: a
# function word, a pronoun, an adverb or a verb ("Which newspaper first reported …", "Which
# minister said …": a past tense in "-ed" or one of the common irregular ones; right after
# "which" an "-ed" word is an adjective: "which armed group", "which United States senator").
_ASKED_EN = re.compile(r"\b(?:which|what)((?: [a-z][\w-]*){1,4})", re.IGNORECASE)
# English verbs that end a noun phrase: a past tense in "-ed" ("reported", "died", "carried") or a
# common irregular one. Shared with the counted noun of "how many" (:mod:`qa.units`).
PAST_EN = r"\w{3,}(?<!e)ed|\w+ied"
IRREGULAR_VERBS_EN = (r"said|says|told|became|won|took|gave|made|got|saw|met|led|left|held|sent|paid|lost|ran|"
                      r"bought|sold|built|brought|caught|found|kept|spent|stood|struck|wrote|began|came|went|knew|"
                      r"grew|flew|chose|rose|fell|broke|spoke|stole|hit|cut|put|beat|fled")
_PAST_EN = re.compile(PAST_EN)
_NOT_NOUN_EN = re.compile(
    rf"{_NOT_QUALIFIERS_EN}|he|she|it|they|we|you|i|his|her|its|their|our|my|your|him|them|us|me|"
    r"first|recently|also|still|just|later|now|then|once|already|currently|previously|formerly|finally|"
    rf"{IRREGULAR_VERBS_EN}|ordered|must|shall|being|been|having")
# Nouns that name the answer's type, not what introduces it in the article ("what date", "what
# percentage"): like "ngày" / "năm" in a Vietnamese question, they are no asked noun.
_TYPE_NOUNS_EN = {"date", "day", "year", "month", "week", "time", "hour", "percentage", "percent", "share",
                  "proportion", "number", "amount", "rate", "reason", "price", "cost", "value", "age", "sum"}


def asked_noun(question: str, language: str | None = None) -> str:
    """The noun a question asks about, "" if none: folded for Vietnamese ("to bao duc" in "Tờ báo
    Đức nào …"), lower-case for English ("bridge" in "Near which bridge did …").

    In news the answer is usually introduced by that noun ("báo Bild", "nhạc sĩ Đỗ Bảo"), which
    the ranker uses as evidence: as written for a Vietnamese question (:mod:`qa.features`), by
    the embedding model for an English one, whose noun never occurs in a Vietnamese article
    (:mod:`qa.head_nouns`). ``language``: the question's, when the caller knows it.
    """
    if (language or detect_language(question)) == "en":
        m = _ASKED_EN.search(question)
        typed = m.group(1).split() if m else []
        words = [w.lower() for w in typed]
        which = bool(m) and m.group().lower().startswith("which")
        end = next((i for i, w in enumerate(words)
                    if _NOT_NOUN_EN.fullmatch(w) or (i > 0 or not which) and _PAST_EN.fullmatch(w)), len(words))
        # "which California city", "which Chinese city": a name before a common noun only narrows
        # it, and the question's place is no word before the answer ("đến California năm 2010" is
        # no city); a noun written capitalised stays whole ("Which Prime Minister")
        start = next((i for i in range(end) if not typed[i][:1].isupper()), 0)
        return "" if words[:1] and words[0] in _TYPE_NOUNS_EN else " ".join(words[start:end])
    m = _search((_ASKED_VI, _ASKED_VI_FOLDED), question.replace("?", " "))
    if m is None:
        return ""
    # the noun is what follows the last function word: "khởi tố về tội gì" asks "tội", not "tố tội"
    words = m.group(1).split()
    stops = _NOT_NOUNS_FOLDED if fold_diacritics(m.group()) == m.group() else _NOT_NOUNS
    last = max((i for i, w in enumerate(words) if w in stops), default=-1)
    return fold_diacritics(" ".join(words[last + 1:]))
