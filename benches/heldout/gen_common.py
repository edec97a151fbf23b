"""Shared pieces for the held-out rosters: names by region, cities in the spellings agency files
use, languages, credits. Deterministic given the caller's random.Random."""

REGIONS = {
    # region: (male first names, female first names, surnames, cities [(canonical, spellings)], languages)
    "maharashtra": (
        ["Sachin", "Omkar", "Siddharth", "Aniket", "Prathamesh", "Tejas", "Mandar", "Nikhil", "Saurabh",
         "Amol", "Vaibhav", "Rohit", "Shantanu", "Yash", "Ajinkya", "Sameer", "Vinayak", "Ganesh",
         "Kedar", "Abhijeet", "Hrishikesh", "Atharva", "Aarav", "Mihir", "Sushant", "Prasad", "Dattatray"],
        ["Sayali", "Mrunal", "Prajakta", "Gauri", "Ketaki", "Shruti", "Ashwini", "Snehal", "Rutuja",
         "Manasi", "Pooja", "Madhura", "Sai", "Aditi", "Radhika", "Tejaswini", "Sonali", "Amruta",
         "Sharvari", "Mukta", "Vaishnavi", "Anuja", "Isha", "Neelam", "Vandana", "Sulabha"],
        ["Deshmukh", "Kulkarni", "Joshi", "Patil", "Jadhav", "Gokhale", "Pawar", "Deshpande", "Sawant",
         "Shinde", "Bhosale", "Gaikwad", "Kadam", "Chavan", "Apte", "Phadke", "Naik", "More",
         "Salunkhe", "Karnik", "Mhatre", "Rane", "Sathe", "Paranjpe", "Wagh"],
        [("mumbai", ["Mumbai", "mumbai", "Bombay", "MUMBAI", "Mumbai ", "bombay"]),
         ("pune", ["Pune", "pune", "Poona"]), ("nashik", ["Nashik"]), ("nagpur", ["Nagpur", "nagpur"]),
         ("kolhapur", ["Kolhapur"])],
        ["marathi"]),
    "gujarat": (
        ["Jignesh", "Hardik", "Chirag", "Parth", "Dhaval", "Nirav", "Kunal", "Bhavin", "Ketan", "Malhar",
         "Tushar", "Darshan", "Harsh", "Ronak", "Vatsal", "Mehul", "Pranav"],
        ["Hetal", "Krupa", "Dhara", "Nidhi", "Khushi", "Palak", "Janvi", "Riddhi", "Foram", "Mansi",
         "Bhumi", "Avni", "Kinjal", "Shweta", "Urvashi", "Hema"],
        ["Patel", "Shah", "Mehta", "Desai", "Trivedi", "Joshi", "Parikh", "Pandya", "Vyas", "Modi",
         "Thakkar", "Raval", "Dave", "Bhatt", "Solanki", "Chauhan"],
        [("ahmedabad", ["Ahmedabad", "ahmedabad", "Amdavad"]), ("surat", ["Surat", "surat"]),
         ("vadodara", ["Vadodara", "Baroda"]), ("mumbai", ["Mumbai", "Bombay", "mumbai"])],
        ["gujarati"]),
    "punjab": (
        ["Gurpreet", "Harjeet", "Jaspreet", "Manpreet", "Arjun", "Karan", "Harman", "Amrit", "Sukhwinder",
         "Navjot", "Gagan", "Inderjit", "Parminder", "Rajveer", "Jasraj", "Balwinder", "Tejinder"],
        ["Simran", "Harleen", "Jasleen", "Navneet", "Manjot", "Gurleen", "Kirat", "Amrita", "Rupinder",
         "Sukhmani", "Baljeet", "Preet", "Mehak", "Noor", "Ishleen"],
        ["Singh", "Kaur", "Gill", "Sandhu", "Dhillon", "Grewal", "Brar", "Sidhu", "Bajwa", "Randhawa",
         "Malhotra", "Khanna", "Kapoor", "Arora", "Sethi", "Chadha", "Ahluwalia"],
        [("chandigarh", ["Chandigarh", "chandigarh"]), ("amritsar", ["Amritsar"]),
         ("ludhiana", ["Ludhiana", "ludhiana"]), ("delhi", ["Delhi", "New Delhi"]),
         ("mumbai", ["Mumbai", "Bombay"])],
        ["punjabi"]),
    "north": (
        ["Rahul", "Ankit", "Vivek", "Saurabh", "Abhishek", "Prateek", "Ayush", "Shubham", "Vikas", "Rajat",
         "Alok", "Deepak", "Manoj", "Rakesh", "Pankaj", "Ashutosh", "Kartik", "Aman", "Nitin", "Harsh",
         "Devansh", "Vaibhav", "Shivam", "Ramesh", "Suresh", "Brijesh"],
        ["Priya", "Neha", "Shivani", "Ankita", "Pallavi", "Ritu", "Swati", "Kavya", "Anjali", "Divya",
         "Shalini", "Nidhi", "Garima", "Ishita", "Tanya", "Megha", "Sunita", "Kamla", "Aarti", "Rashmi",
         "Vartika", "Saumya"],
        ["Sharma", "Verma", "Mishra", "Tiwari", "Pandey", "Srivastava", "Dubey", "Tripathi", "Yadav",
         "Chaturvedi", "Saxena", "Agarwal", "Gupta", "Shukla", "Awasthi", "Bajpai", "Rastogi", "Chauhan",
         "Rathore", "Tomar", "Jain", "Bansal"],
        [("delhi", ["Delhi", "New Delhi", "delhi", "DELHI"]), ("lucknow", ["Lucknow", "lucknow"]),
         ("kanpur", ["Kanpur"]), ("varanasi", ["Varanasi", "Banaras"]), ("noida", ["Noida"]),
         ("gurugram", ["Gurgaon", "Gurugram"]), ("mumbai", ["Mumbai", "Bombay", "mumbai", "MUMBAI"]),
         ("bhopal", ["Bhopal"]), ("indore", ["Indore"])],
        ["hindi"]),
    "muslim": (
        ["Faisal", "Imran", "Sameer", "Arshad", "Zaid", "Salman", "Aamir", "Danish", "Irfan", "Tariq",
         "Rehan", "Nawaz", "Farhan", "Junaid", "Shahid", "Asif", "Mohsin"],
        ["Ayesha", "Zoya", "Sana", "Farah", "Nazia", "Rukhsar", "Mehreen", "Heena", "Shabana", "Tabassum",
         "Alisha", "Sadia", "Rubina", "Afreen", "Zeenat"],
        ["Khan", "Shaikh", "Qureshi", "Ansari", "Siddiqui", "Sayyed", "Mirza", "Pathan", "Naqvi", "Rizvi",
         "Hashmi", "Kazmi", "Baig", "Merchant", "Lokhandwala"],
        [("mumbai", ["Mumbai", "Bombay", "mumbai"]), ("lucknow", ["Lucknow"]), ("hyderabad", ["Hyderabad"]),
         ("delhi", ["Delhi", "New Delhi"]), ("bhopal", ["Bhopal"])],
        ["urdu"]),
    "bengal": (
        ["Arnab", "Souvik", "Debashish", "Anirban", "Sayan", "Rupam", "Indranil", "Subhajit", "Abir",
         "Kaushik", "Partha", "Ritwik", "Sourav", "Tathagata", "Dibyendu"],
        ["Moumita", "Sreya", "Ananya", "Rituparna", "Paoli", "Swastika", "Debolina", "Sohini", "Tania",
         "Madhumita", "Ishani", "Rupsha", "Aparajita", "Sudipta"],
        ["Chatterjee", "Banerjee", "Mukherjee", "Ganguly", "Bose", "Sen", "Das", "Ghosh", "Dutta",
         "Chakraborty", "Bhattacharya", "Roy", "Sarkar", "Majumdar", "Mitra"],
        [("kolkata", ["Kolkata", "Calcutta", "kolkata", "KOLKATA"]), ("mumbai", ["Mumbai", "Bombay"])],
        ["bengali"]),
    "tamil": (
        ["Karthik", "Arvind", "Senthil", "Vignesh", "Prakash", "Dinesh", "Sathish", "Gautham", "Balaji",
         "Harish", "Ramesh", "Muthu", "Naveen", "Ashwin", "Surya", "Pradeep"],
        ["Lakshmi", "Divya", "Keerthana", "Priyanka", "Nandhini", "Aishwarya", "Revathi", "Meenakshi",
         "Gayathri", "Kavitha", "Janani", "Sowmya", "Bhavani", "Shalini", "Vidya"],
        ["Iyer", "Iyengar", "Krishnan", "Subramanian", "Raman", "Natarajan", "Venkatesan", "Pillai",
         "Murugan", "Rajendran", "Sundaram", "Chandrasekhar", "Balasubramaniam", "Ramasamy"],
        [("chennai", ["Chennai", "Madras", "chennai", "CHENNAI"]), ("coimbatore", ["Coimbatore"]),
         ("madurai", ["Madurai"]), ("mumbai", ["Mumbai", "Bombay"]), ("bengaluru", ["Bangalore"])],
        ["tamil"]),
    "telugu": (
        ["Srinivas", "Venkat", "Ravi", "Sai", "Charan", "Naveen", "Kiran", "Vamsi", "Pavan", "Teja",
         "Mahesh", "Sudheer", "Karthikeya", "Anil", "Chaitanya"],
        ["Sravani", "Swathi", "Bhavana", "Sirisha", "Deepika", "Haritha", "Keerthi", "Lavanya", "Madhavi",
         "Mounika", "Sahithi", "Pranavi", "Anusha", "Sindhu"],
        ["Reddy", "Rao", "Naidu", "Chowdary", "Varma", "Raju", "Goud", "Sastry", "Prasad", "Kumar",
         "Murthy", "Yadav", "Kondapalli", "Bandaru"],
        [("hyderabad", ["Hyderabad", "hyderabad", "Secunderabad"]), ("visakhapatnam", ["Visakhapatnam", "Vizag"]),
         ("vijayawada", ["Vijayawada"]), ("mumbai", ["Mumbai"]), ("warangal", ["Warangal"])],
        ["telugu"]),
    "karnataka": (
        ["Darshan", "Rakshit", "Pramod", "Sudeep", "Manjunath", "Shreyas", "Chetan", "Girish", "Raghav",
         "Vinay", "Nagaraj"],
        ["Rashmika", "Shwetha", "Kavya", "Sahana", "Bhoomika", "Ramya", "Spoorthi", "Sindhu", "Harshitha",
         "Rekha"],
        ["Hegde", "Shetty", "Rao", "Gowda", "Bhat", "Kamath", "Shenoy", "Pai", "Acharya", "Kini",
         "Upadhyaya"],
        [("bengaluru", ["Bangalore", "Bengaluru", "bangalore", "BANGALORE"]), ("mysuru", ["Mysore", "Mysuru"]),
         ("mangaluru", ["Mangalore", "Mangaluru"]), ("mumbai", ["Mumbai", "Bombay"])],
        ["kannada"]),
    "kerala": (
        ["Arjun", "Nithin", "Jithin", "Sreejith", "Vishnu", "Anoop", "Rahul", "Sebastian", "Joseph",
         "Aby", "Midhun", "Unnikrishnan"],
        ["Anjali", "Nimisha", "Parvathy", "Aswathy", "Reshma", "Nayana", "Gopika", "Merin", "Anna",
         "Sreelakshmi", "Aparna"],
        ["Nair", "Menon", "Pillai", "Kurup", "Varghese", "Thomas", "Kurian", "Panicker", "Namboodiri",
         "Mathew", "Warrier"],
        [("kochi", ["Kochi", "Cochin", "kochi"]), ("thiruvananthapuram", ["Trivandrum", "Thiruvananthapuram"]),
         ("mumbai", ["Mumbai"]), ("bengaluru", ["Bangalore"])],
        ["malayalam"]),
    "haryana": (
        ["Sandeep", "Vikram", "Naveen", "Sunil", "Ajay", "Deepender", "Mohit", "Sombir", "Rajbir", "Pardeep"],
        ["Sakshi", "Babita", "Geeta", "Pooja", "Anita", "Sonia", "Preeti", "Kavita", "Neetu"],
        ["Dahiya", "Hooda", "Malik", "Sangwan", "Phogat", "Dalal", "Ahlawat", "Rathee", "Kadian", "Sehrawat"],
        [("rohtak", ["Rohtak"]), ("delhi", ["Delhi", "New Delhi"]), ("gurugram", ["Gurgaon"]),
         ("mumbai", ["Mumbai"])],
        ["haryanvi"]),
    "rajasthan": (
        ["Mahendra", "Vikram", "Bhanu", "Lokendra", "Devendra", "Govind", "Hemant", "Kailash", "Ranveer"],
        ["Padmini", "Gayatri", "Rajshree", "Kesar", "Bhavna", "Mamta", "Leela", "Hemlata"],
        ["Rathore", "Shekhawat", "Bhati", "Chundawat", "Choudhary", "Sisodia", "Meena", "Purohit", "Vyas"],
        [("jaipur", ["Jaipur", "jaipur"]), ("jodhpur", ["Jodhpur"]), ("udaipur", ["Udaipur"]),
         ("mumbai", ["Mumbai", "Bombay"])],
        ["rajasthani"]),
    "bihar": (
        ["Manoj", "Pankaj", "Ravi", "Chandan", "Abhay", "Amit", "Sanjay", "Bipin", "Rajesh"],
        ["Ritu", "Sneha", "Khushboo", "Pinky", "Anamika", "Shweta", "Nisha", "Rani"],
        ["Jha", "Mishra", "Sinha", "Thakur", "Prasad", "Singh", "Kumar", "Choubey", "Ojha"],
        [("patna", ["Patna", "patna"]), ("mumbai", ["Mumbai", "Bombay"]), ("delhi", ["Delhi"])],
        ["bhojpuri"]),
    "goa": (
        ["Joaquim", "Savio", "Clive", "Rohan", "Prashant", "Nelson", "Agnelo", "Siddhesh"],
        ["Sonia", "Natasha", "Leanne", "Shefali", "Pooja", "Elaine", "Sapna"],
        ["Fernandes", "D'Souza", "Pereira", "Rodrigues", "Naik", "Kamat", "Gaonkar", "Colaco", "Dias"],
        [("goa", ["Goa", "goa", "Panjim", "GOA"]), ("mumbai", ["Mumbai", "Bombay"])],
        ["konkani"]),
    # only for people whose bio makes them Parsi (never drawn at random)
    "parsi": (
        ["Kersi", "Jehangir", "Rustom", "Cyrus", "Farokh", "Behram", "Darius"],
        ["Perizad", "Shirin", "Roshan", "Dinaz", "Zenobia", "Freny"],
        ["Irani", "Mistry", "Bharucha", "Wadia", "Contractor", "Engineer", "Daruwala"],
        [("mumbai", ["Mumbai", "Bombay"])],
        ["gujarati"]),
}

# How an agency roster in Mumbai is spread over regions (weights).
REGION_WEIGHTS = {
    "maharashtra": 20, "north": 18, "gujarat": 7, "punjab": 8, "muslim": 9, "bengal": 6, "tamil": 6,
    "telugu": 5, "karnataka": 5, "kerala": 4, "haryana": 4, "rajasthan": 3, "bihar": 3, "goa": 2,
}

CITY_OF = {}  # canonical -> list of spellings (union)
for _r in REGIONS.values():
    for canon, spellings in _r[3]:
        CITY_OF.setdefault(canon, [])
        for s in spellings:
            if s not in CITY_OF[canon]:
                CITY_OF[canon].append(s)
# the plain spelling is the common one in a real file; the odd ones are the exception
for canon, spellings in CITY_OF.items():
    CITY_OF[canon] = [spellings[0]] * 4 + spellings
CITY_OF["mumbai"] = ["Mumbai"] * 8 + ["mumbai"] * 3 + ["Bombay"] * 3 + ["MUMBAI", "bombay", "Mumbai "]
# cities briefs may ask for that no region lists
CITY_OF.setdefault("sangli", ["Sangli"])

LANG_SPELL = {"hindi": ["hindi", "Hindi", "HINDI"], "english": ["english", "English"],
              "marathi": ["marathi", "Marathi"], "bengali": ["bengali", "Bengali", "Bangla"]}

GENDER_SPELL = {"male": ["male", "Male", "M", "male", "Male"], "female": ["female", "Female", "F", "female", "Female"],
                "nonbinary": ["Non-binary", "nonbinary"]}

TITLES = ["Dhuaan", "Shehar Ki Raat", "Pinjra", "Kora Kagaz", "Baarish", "Ankahi", "Lal Batti", "Sahil",
          "Chauraha", "Aakhri Local", "Dilliwali", "Kaagaz Ke Phool Phir Se", "Gully Ka Raja", "Jhumka",
          "Bombay Nights", "Khoj", "Sarhad", "Tamasha Galli", "Mitti Ka Ghar", "Patang", "Chaukidar",
          "Nukkad 2.0", "Aangan", "Dastak", "Rahguzar", "Safed Kothi", "Mrigtrishna", "Chhatri",
          "Andhera Kuan", "Pehli Baarish", "Kesariya", "Bandish", "Mohalla Cricket Club", "Tiffin Box",
          "Zamaana", "Udaan Tak", "Jugaad Inc", "Lockdown Diaries", "Ek Aur Sawaal", "Marine Drive"]
ADS = ["Amul Kool", "Parle-G", "Surf Excel", "Tata Tea", "Fevicol", "Dettol", "Cadbury Dairy Milk",
       "Vicks", "Asian Paints", "Hero Splendor", "Boroline", "Maggi", "Colgate", "Flipkart", "Swiggy",
       "Zomato", "Jio", "Airtel", "LIC", "HDFC Bank", "Ceat Tyres", "Thums Up", "Britannia", "Haldiram's",
       "Bajaj Allianz", "Tanishq", "Kalyan Jewellers", "Ola", "Dream11", "Meesho", "Nykaa", "Lifebuoy"]
KINDS = [("film", TITLES), ("ott", TITLES), ("tv", TITLES), ("ad", ADS), ("theatre", TITLES)]


def credits(rng, age, experience):
    n = 0 if experience == 0 else min(4, rng.choice([0, 1, 1, 2, 2, 3, 4]))
    out = []
    for _ in range(n):
        kind, pool = rng.choice(KINDS)
        year = rng.randint(max(2003, 2025 - experience), 2025)
        out.append(f"{kind}:{rng.choice(pool)} ({year})")
    return ";".join(out)


def height(rng, gender, age):
    if age < 13:
        base = 80 + age * 6.2
        return int(base + rng.randint(-6, 6))
    if age < 17:
        return int((150 if gender == "female" else 155) + (age - 13) * 3 + rng.randint(-6, 8))
    if gender == "female":
        return rng.randint(150, 174)
    if gender == "male":
        return rng.randint(163, 190)
    return rng.randint(155, 182)


def person(rng, gender, region=None, city=None):
    """name, region, city canonical, city spelling, base languages"""
    if region is None:
        region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
    males, females, surnames, cities, langs = REGIONS[region]
    if gender == "male":
        first = rng.choice(males)
    elif gender == "female":
        first = rng.choice(females)
    else:
        first = rng.choice(males + females)
    last = rng.choice(surnames)
    if region == "punjab" and last in ("Singh", "Kaur"):
        last = "Kaur" if gender == "female" else "Singh"
    if city is None:
        # a Mumbai agency: half of everyone lives in Mumbai whatever their roots
        if rng.random() < 0.45:
            city = "mumbai"
        else:
            city = rng.choice(cities)[0]
    spelling = rng.choice(CITY_OF.get(city, [city.title()]))
    base = list(langs)
    return f"{first} {last}", region, city, spelling, base
