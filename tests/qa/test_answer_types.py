"""The expected answer type read from a question's words, in Vietnamese and English."""

import pytest

from qa.answer_types import asked_noun, asks_clock_time, asks_measure, expected_type, measure_asked


@pytest.mark.parametrize("question,answer_type", [
    ("Ai là người điều khiển chiếc xe tải gây tai nạn?", "person"),
    ("Giám đốc bệnh viện tỉnh hiện nay là ai?", "person"),
    ("Who led the rescue team at the collapsed bridge?", "person"),
    ("Vụ cháy kho hàng xảy ra ở đâu?", "place"),
    ("Đoàn khách nghỉ tại khách sạn nào?", "place"),
    ("Where did the fishing boat sink?", "place"),
    ("Which province reported the first outbreak?", "place"),
    ("Ngân hàng nào cho doanh nghiệp vay khoản tiền này?", "organisation"),
    ("Hãng hàng không nào khai thác chuyến bay?", "organisation"),
    ("Which agency investigated the fraud?", "organisation"),
    ("Which airline operated the flight?", "organisation"),
    ("Có bao nhiêu cán bộ bị kỷ luật trong năm?", "count"),
    ("Mấy người bị thương trong vụ tai nạn?", "count"),
    ("How many passengers were on board?", "count"),
    ("Gia đình nạn nhân được bồi thường bao nhiêu tiền?", "money"),
    ("Chiếc xe có giá bao nhiêu?", "money"),
    ("Thu nhập bình quân của người lao động là bao nhiêu?", "money"),  # the sum's noun far from "bao nhiêu"
    ("Công ty tăng lương cho bao nhiêu người?", "count"),  # … but not when it counts something
    ("Sản lượng lương thực năm 2019 đạt bao nhiêu?", "count"),  # "lương thực" is food, not pay
    ("How much did the company pay in fines?", "money"),
    ("What was the total cost of the project?", "money"),
    ("What is the current monthly salary of a contract teacher?", "money"),  # adjectives before the noun
    ("Lương hiện nay của giáo viên hợp đồng ở Krông Pắk là bao nhiêu?", "money"),  # far from "bao nhiêu"
    ("Khi tăng lương cơ sở thì số người nghỉ việc là bao nhiêu?", "count"),  # "số" counts
    ("What is the source of revenue for the city?", "phrase"),
    ("Lãi suất cho vay tăng bao nhiêu phần trăm?", "percent"),
    ("Tỷ lệ thất nghiệp của tỉnh là bao nhiêu?", "percent"),
    ("What percentage of voters supported the plan?", "percent"),
    ("What patient satisfaction rate did the hospital reach?", "percent"),  # the rate, not a patient
    ("Which Tra Vinh police lieutenant colonel was demoted?", "person"),
    ("What did the singer share on Facebook?", "phrase"),  # a verb, not a share
    ("Cây cầu được khánh thành vào ngày nào?", "date"),
    ("Năm nào nhà máy đi vào hoạt động?", "date"),
    ("When did the storm make landfall?", "date"),
    ("In what year was the factory built?", "date"),
    ("Cuộc họp kéo dài bao lâu?", "duration"),
    ("Bị cáo bị tuyên phạt bao nhiêu năm tù?", "duration"),
    ("How long did the flight last?", "duration"),
    ("How many years in prison did the former director receive?", "duration"),
    ("How many days did the festival last?", "duration"),
    ("Vì sao chuyến bay bị hủy?", "reason"),
    ("Tại sao nhà máy phải đóng cửa?", "reason"),
    ("Why was the match postponed?", "reason"),
    ("What caused the fire?", "reason"),
    ("Quyết định nào cho phép thành lập trường?", "document"),
    ("Which decree regulates the fines?", "document"),
    # the issuer may qualify the document; a verb after "what" still asks a phrase
    ("Which Politburo resolution guided the city's planning?", "document"),
    ("Which Hà Nội decision introduced monthly scoring?", "document"),
    ("What did the decision change?", "phrase"),
    # a law is a document; "kỷ luật gì" asks a disciplinary measure, not a law
    ("Under which US law could India face sanctions?", "document"),
    ("Cần thực hiện có hiệu quả luật nào để kiểm soát nhu cầu năng lượng?", "document"),
    ("Giáo viên phải nhận hình thức kỷ luật gì?", "phrase"),
    ("Which minister's decision was overturned?", "person"),  # a possessive asks for the owner
    ("Which law firm represented the family?", "organisation"),
    ("Ông là luật sư của hãng luật nào?", "organisation"),
    ("What act of kindness saved him?", "phrase"),
    ("Ông ấy sống ở trung tâm thành phố nào?", "place"),
    ("Trung tâm nào kết luận ông bị rối loạn nhân cách?", "organisation"),
    # a named product is asked like a body
    ("Chatbot CSKH hoạt động trên ứng dụng nào?", "organisation"),
    ("Which app did the company launch?", "organisation"),
    # a country's mission is a body; its ambassador a person
    ("Đại sứ quán nào đã cấp thông hành cho hai nạn nhân?", "organisation"),
    ("Which consulate helped the fishermen return home?", "organisation"),
    ("Đại sứ nào trình quốc thư?", "person"),
    # the cause's noun far before "là gì"; "tới đâu" as "đến đâu"
    ("Theo công an, nguyên nhân ban đầu của vụ xe khách tông đoàn đưa tang khiến 7 người chết là gì?", "reason"),
    ("Ông Trump định mời các thủ lĩnh Taliban tới đâu để hoà đàm?", "place"),
    # a rate or ratio after its modifiers; a price's difference is money
    ("What was Techcombank's capital adequacy ratio at the end of March?", "percent"),
    ("What was the unemployment rate in 2019?", "percent"),
    ("What was the exchange rate on Monday?", "phrase"),
    ("What was the share price of Vinamilk at the close?", "money"),
    ("Dựa vào đâu cơ quan điều tra xác định nghi phạm?", "phrase"),  # on what grounds, not where
    ("Trách nhiệm thuộc về đâu?", "phrase"),
    ("Mã độc được cho là nguyên nhân gây ra vụ tấn công vào ngân hàng có tên là gì?", "person"),  # a name
    ("How much higher was the domestic gold price than the world price?", "money"),
    ("How much higher is the new tower than the old one?", "phrase"),
    ("Lợi nhuận trước thuế của Techcombank trong quý 1-2018 đạt bao nhiêu?", "money"),  # a date between
    ("Tổng mức đầu tư của dự án kè sông là bao nhiêu?", "money"),  # an investment is a sum
    ("Có bao nhiêu nhà đầu tư tham gia dự án?", "count"),
    # a preposition may open the question word: a "who" in a later clause asks nothing
    ("In which US state did the student who built the robot attend a camp?", "place"),
    ("Kẻ gian dùng gì để cắt khóa?", "phrase"),
    ("What did the thieves use to open the safe?", "phrase"),
])
def test_expected_type(question, answer_type):
    assert expected_type(question) == answer_type


@pytest.mark.parametrize("question,answer_type", [
    # "tiền án" is a prior conviction: counted, not an amount of money.
    ("Bị cáo có bao nhiêu tiền án?", "count"),
    ("Anh ta có mấy tiền án?", "count"),
    # An age is a count of years, not a duration.
    ("How old was the driver?", "count"),
    ("Nạn nhân bao nhiêu tuổi?", "count"),
    # "bao nhiêu" alone is a count; only a time unit after it makes a duration.
    ("Tàu mất bao nhiêu ngày để cập cảng?", "duration"),
    # "why" wins over the "what" that would otherwise make it a phrase.
    ("What was the reason for the delay?", "reason"),
    # The opening question word types the question; a "when" / "người" in a later clause does not.
    ("How many people were injured when the team was attacked?", "count"),
    ("Who did Jack Ma hand the chairmanship over to when he retired?", "person"),
    ("Ai là CEO của hãng, người lên truyền hình xin lỗi sau vụ việc?", "person"),
    ("Nghị quyết số 26-NQ/TW ra đời ngày nào?", "date"),
    # "Ai Cập" (Egypt) opens a question without asking "who".
    ("Ai Cập có bao nhiêu dân?", "count"),
    # A measure is a figure with its unit, asked with or without "bao nhiêu" / "how many".
    ("How far from the school fence did the container truck stop?", "count"),
    ("Xe container nằm cách hàng rào bao xa?", "count"),
    ("Con cá nặng bao nhiêu kg?", "count"),
    ("How heavy was the fish caught in the lake?", "count"),
    ("At what speed was the storm moving?", "count"),
    ("What magnitude was the earthquake?", "count"),
    # "năm bao nhiêu" asks which year; without diacritics "nam" may be a place's name.
    ("Xểnh Hạ sinh năm bao nhiêu?", "date"),
    ("Quảng Nam bao nhiêu huyện?", "count"),
    ("Bị cáo bị phạt bao nhiêu năm tù?", "duration"),
    # A match's score is counted goals; a "when" inside the question is its clause, not what is asked.
    ("What was the score when UAE beat Vietnam in the bronze medal match?", "count"),
    ("What was the penalty shootout score when U23 Vietnam beat Qatar?", "count"),  # any qualifier before "score"
    ("Trận đấu kết thúc với tỷ số nào?", "count"),
    ("What did the minister say when he arrived?", "phrase"),
    ("The plane crashed when?", "date"),
    ("Until when will the exhibition stay open?", "date"),
    # An article of a law is what a charge is brought under; "điều gì" is "what thing".
    ("Bà Liên bị khởi tố theo điều nào của Bộ luật hình sự?", "document"),
    ("Under which article of the Penal Code was she charged?", "document"),
    ("Điều gì khiến anh ấy bỏ đi?", "phrase"),
    # A role the news names people by, in sport, courts and prisons.
    ("Trọng tài nào bắt chính trận đấu?", "person"),
    ("Phạm nhân nào tử vong sau khi bị đánh?", "person"),
    ("Which referee sent off the striker?", "person"),
    ("Which inmate died after being beaten by guards?", "person"),
    # ... but not inside an organisation's name
    ("Cơ quan Cảnh sát điều tra nào đã khởi tố vụ án?", "phrase"),
    ("Lực lượng cảnh sát nào có mặt đầu tiên?", "phrase"),
    ("Which Premier League club signed him?", "organisation"),
    ("Which guard post was attacked?", "phrase"),
    # "when" with its auxiliary still asks a date
    ("According to the ministry, when are the results expected?", "date"),
    ("So when would the new airport open?", "date"),
    # "khoản nào" is which item; "giai điệu nào" (typed bare) which melody
    ("Khoản nào chiếm tỷ trọng lớn nhất trong ngân sách?", "phrase"),
    ("giai dieu nao duoc yeu thich nhat", "phrase"),
    # Rainfall is measured, not paid.
    ("How much rainfall fell in Sin Ho in 24 hours?", "count"),
    # ... but "how large" / "how big" ask about money as often as size: left to the other rules.
    ("How large was the fine?", "phrase"),
    # "how much" with a time after it is a length of time, not money
    ("How much stoppage time was there in the Lebanon v North Korea match?", "duration"),
    # a part of the day asks a date, but a name that begins with one does not
    ("On what night did the maid leave, saying she was taking out the trash?", "date"),
    ("Cán bộ thuế bị bắt quả tang nhận tiền hôm nào?", "date"),
    ("Which Evening Standard photographer covered the blaze?", "person"),
    # a prison term is a length of time, not a prison
    ("What prison term did the former deputy minister get at the first trial?", "duration"),
    # English puts the head of the asked phrase last
    ("Which Bach Mai hospital deputy director spoke about doctor training?", "person"),
    ("Which hospital did the doctor work at?", "organisation"),
    ("Which office of the provincial tax department did he lead?", "organisation"),
    ("Số kem được mua ở cửa khẩu nào?", "place"),
    ("What did the police initially say caused the tanker to crash?", "reason"),
    # a share is a percentage, and the length of a way no time
    ("Ngân hàng UOB chiếm khoảng bao nhiêu thị phần ngoại tệ tiền mặt?", "percent"),
    ("Công ty nào chiếm thị phần lớn nhất?", "organisation"),
    ("How long is the proposed railway between Tan Son Nhat and Long Thanh?", "count"),
    ("How long was the bridge closed?", "duration"),
])
def test_expected_type_traps(question, answer_type):
    assert expected_type(question) == answer_type


def test_the_question_is_read_without_diacritics():
    assert expected_type("Gia dinh nan nhan duoc boi thuong bao nhieu tien?") == "money"
    assert expected_type("Vu chay xay ra o dau?") == "place"


def test_asked_noun_is_the_folded_noun_before_the_question_word():
    assert "bao" in asked_noun("Tờ báo nào đưa tin đầu tiên về vụ việc?").split()
    assert asked_noun("Ngân hàng nào cho doanh nghiệp vay?") == "ngan hang"
    assert asked_noun("Hãng hàng không nào khai thác chuyến bay?") == "hang hang khong"


def test_asked_noun_stops_at_the_last_function_word():
    assert asked_noun("Bị cáo bị khởi tố về tội gì?") == "toi"
    assert asked_noun("Thầy giáo dạy vật lý ở trường nào?") == "truong"
    assert asked_noun("Gia đình đã thuê những luật sư nào?") == "luat su"
    assert asked_noun("Hội nghị diễn ra vào ngày nào?") == ""


def test_asked_noun_typed_bare_keeps_nouns_that_fold_like_function_words():
    assert asked_noun("Tieu bang nao cho phep?") == "tieu bang"
    assert asked_noun("Cong ty nao sản xuất vaccine?") == "cong ty"


def test_asked_noun_is_empty_without_one():
    assert asked_noun("What did the man steal?") == ""
    assert asked_noun("What kind of song will be released?") == ""
    assert asked_noun("Cuộc họp kéo dài bao lâu?") == ""


@pytest.mark.parametrize("question,noun", [
    ("Which newspaper first reported the scandal?", "newspaper"),
    ("Near which bridge in Thanh Hoá city did people shoot at each other?", "bridge"),
    ("At which test range did Russia test the missile?", "test range"),
    ("In which district did the rebels stay?", "district"),
    ("Which hospital was he taken to?", "hospital"),
    ("Which North Korean foreign minister met him?", "foreign minister"),  # the nationality only narrows it
    ("Which Prime Minister visited Hanoi?", "prime minister"),  # a noun written capitalised stays whole
    ("Which Supreme Court ruled on it?", "supreme court"),
    ("In which California city were the children rescued?", "city"),
    ("Which armed group attacked the base?", "armed group"),
    ("Which inmate died after being beaten by guards?", "inmate"),
    ("Which United States senator spoke?", "senator"),
    ("What date was the meeting held?", ""),  # the answer's type, not a noun before it
    ("What percentage of voters backed him?", ""),
    ("What caused the fire?", ""),  # a verb: only right after "which" is an "-ed" word an adjective
])
def test_asked_noun_of_an_english_question_is_its_english_noun(question, noun):
    # compared with the article's Vietnamese nouns by the embedding model (qa.head_nouns)
    assert asked_noun(question) == noun


@pytest.mark.parametrize("question,year", [
    ("In what year did hero Nguyễn Văn Trỗi die?", True),
    ("Anh hùng Nguyễn Văn Trỗi hy sinh năm nào?", True),
    ("Ông Vũ và bà Thảo kết hôn năm nào?", True),
    ("Tàu cập cảng ngày nào?", False),
    ("When did the ship dock?", False),
    ("Kim ngạch xuất khẩu của Việt Nam bao nhiêu tỷ USD?", False),   # "Nam" is not "năm"
    ("Tỉnh miền Nam nào có nhiều mưa nhất?", False),
    ("ong Troi hy sinh nam nao?", True),                              # typed without diacritics
])
def test_asks_year(question, year):
    from qa.answer_types import asks_year

    assert asks_year(question) is year


@pytest.mark.parametrize("question,answer_type", [
    # read with the diacritics typed: these pairs are one word once folded
    ("Vận động viên nào giành huy chương vàng?", "person"),  # viên, not viện
    ("Viện nào công bố nghiên cứu?", "organisation"),
    ("Bộ trưởng nào ký quyết định?", "person"),  # not "bộ nào", which ministry
    ("Loại vũ khí nào được sử dụng?", "phrase"),  # khí nào, not khi nào (when)
    ("Chiếc máy bay rơi thuộc sở hữu của ai?", "person"),  # máy (machine), not mấy (how many)
    ("Giá vé là bao nhiêu?", "money"),
    ("Gia đình bao nhiêu người?", "count"),  # gia đình (family), not giá (price)
    # typed bare, the same rules read it folded; a copied name or code does not change that
    ("Ai la chu tich UBND tinh?", "person"),
    ("Quyet dinh nao thay the Quyet dinh so 3814-QĐ/TU?", "document"),
    ("Vien nao nghien cuu?", "organisation"),
    # a person by role, with a word qualifying it, but not when that word names an organisation
    ("Nghị sĩ Mỹ nào phản đối dự luật?", "person"),
    ("Đại biểu Quốc hội nào phát biểu?", "person"),
    ("Nhạc sĩ nào sáng tác ca khúc?", "person"),
    ("Giám đốc công ty nào bị khởi tố?", "organisation"),
    ("Which National Assembly deputy spoke first?", "person"),
    ("Which lawyer defended her in court?", "person"),
    ("Which company's CEO resigned?", "organisation"),
    ("Trưng bày được giới thiệu tại bảo tàng nào?", "organisation"),
    ("Lô hàng được bàn giao tại căn cứ không quân nào?", "place"),
    ("Công viên nào được khánh thành?", "place"),
    # no role after an auxiliary: "What did the man steal?" asks no person, nor an organisation
    ("What did the minister announce?", "phrase"),
    ("What was the teacher's reaction?", "phrase"),
    ("Which member states voted against?", "phrase"),
    ("What did the court sentence him to?", "phrase"),
    # typed bare, nouns that fold onto a person's role keep their own type
    ("Benh vien nao tiep nhan nan nhan?", "organisation"),
    ("Hinh anh nao duoc chia se?", "phrase"),
    ("Dong co nao bi hong?", "phrase"),
    # a question word typed bare in an otherwise accented question, but never a folded collision
    ("Bao nhieu liều vắc xin duoc tiem?", "count"),
    ("Cong ty nao sản xuất vaccine?", "organisation"),
    # a year's count is no year; "Viet Nam bao nhieu" typed bare is no "năm bao nhiêu"
    ("Mỗi năm bao nhiêu người chết vì tai nạn giao thông?", "count"),
    ("Dan so Viet Nam bao nhieu nguoi?", "count"),
    ("Quang Nam bao nhieu huyen?", "count"),
    # typed bare, "may" is also "máy": a plainer question word says what is asked
    ("May bay Jetstar ha canh khan cap o thanh pho nao?", "place"),
    ("May nguoi bi thuong?", "count"),
    ("Nha may Formosa xa thai gi?", "phrase"),
    ("What may cause the fire?", "phrase"),
    ("What did Hanoi launch in May?", "phrase"),
    ("Dự án đã triển khai mấy năm rồi?", "duration"),
    ("Which residential area was flooded?", "place"),  # a qualified place noun
    ("Which North Korean foreign minister visited Vietnam?", "person"),
    ("Giá vàng bán ra hôm qua ở mức bao nhiêu?", "money"),
    ("Giáo viên được đánh giá bao nhiêu điểm?", "count"),  # "đánh giá" (assess) is no price
    ("Căn hộ thuộc chung cư nào?", "place"),
    ("Hồ sơ nào bị trả lại?", "phrase"),  # a dossier, not a lake
    ("Giá xăng giảm bao nhiêu phần trăm?", "percent"),
    ("Giá đất tăng bao nhiêu lần?", "count"),
    ("May nguoi?", "count"),
    ("Vu tai nan lam may nguoi chet?", "count"),
    # "mấy" asks how many before any noun phrase, but "mấy ngày qua" (these few days) asks nothing
    ("Nhà máy đã thực hiện xong mấy quy trình chuẩn bị chạy thử?", "count"),
    ("Trong mấy ngày qua, ai đã phát biểu?", "person"),
    ("Mấy năm nay ông sống ở đâu?", "place"),
    ("Dự án kéo dài mấy năm?", "duration"),
])
def test_expected_type_reads_diacritics_as_typed(question, answer_type):
    assert expected_type(question) == answer_type


@pytest.mark.parametrize("question,measure", [
    ("Xe container nằm cách hàng rào bao xa?", True),
    ("Con cá nặng bao nhiêu kg?", True),
    ("Đoạn đường dài bao nhiêu?", True),
    ("How far from the fence did the truck stop?", True),
    ("How many kilometres did he cycle?", True),
    ("Tau cach dao bao xa?", True),
    ("How old is Mark Beaumont?", False),
    ("Bao nhiêu người bị thương?", False),
    ("Ông ấy bao nhiêu tuổi?", False),
    ("Cơn bão mạnh cấp mấy?", True),
    ("What was the magnitude of the earthquake?", True),
    ("How long was the meeting?", False),
    ("Lưu lượng xả của hồ Tả Trạch là bao nhiêu?", True),
    ("What was the maximum height of the waves?", True),
    ("luong mua do duoc trong 24 gio o huyen Sin Ho la bao nhieu", True),
    ("What was the total rainfall in Sin Ho?", True),
    ("Nhà máy có công suất bao nhiêu?", True),
    ("Nhà máy có công suất lớn nhất cả nước tuyển dụng bao nhiêu công nhân?", False),
])
def test_asks_measure(question, measure):
    assert asks_measure(question) is measure


@pytest.mark.parametrize("question,dimension", [
    ("Ridgecrest cách Los Angeles bao xa?", "distance"),
    ("How far is Ridgecrest from Los Angeles?", "distance"),
    ("Flamingo Đại Lải Resort cách trung tâm Hà Nội bao nhiêu km?", "distance"),
    ("Con cá nặng bao nhiêu?", "weight"),
    ("What magnitude was the earthquake?", "magnitude"),
    ("Gió giật với tốc độ bao nhiêu km/h?", "speed"),
    ("Khu đất có diện tích bao nhiêu ha?", "area"),
    ("TP HCM yêu cầu cơ cấu bao nhiêu độ tuổi?", None),  # an age bracket, no measure
    ("Bao nhiêu người bị thương?", None),
    ("What was the outflow rate released downstream from the lake?", "flow"),
    ("Đường dây mới có điện áp bao nhiêu?", "voltage"),
    ("Lượng mưa ở Sìn Hồ là bao nhiêu?", "distance"),  # millimetres of rain
    ("Mực nước sông Hồng lên tới bao nhiêu?", "distance"),
    ("The Da Nang university village is how far from the airport?", "distance"),  # "Nang" is no "nặng"
    ("Tuyến đường ở Cao Bằng dài bao nhiêu km?", "distance"),  # the length asked after a name folding alike
    ("Cao bao nhiêu là tòa tháp ở Cao Bằng?", "distance"),
    ("HOW HEAVY IS THE FISH?", "weight"),  # in capitals: no word is a name's
])
def test_measure_asked(question, dimension):
    assert measure_asked(question) == dimension


@pytest.mark.parametrize("question,clock", [
    ("At what time were the young men swept away?", True),
    ("Vụ tai nạn xảy ra lúc mấy giờ?", True),
    ("vu tai nan xay ra luc may gio", True),
    ("Vụ tai nạn xảy ra ngày nào?", False),
    ("When did the storm make landfall?", False),
])
def test_asks_clock_time(question, clock):
    assert asks_clock_time(question) is clock
