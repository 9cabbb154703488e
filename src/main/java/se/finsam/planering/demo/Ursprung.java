package se.finsam.planering.demo;

import java.util.List;

/** Where participants come from: first names and surnames, and the language they read and speak. */
final class Ursprung {

    private Ursprung() {
    }

    record Origin(double weight, List<String> kvinnor, List<String> man, List<String> efternamn,
                          String sprak, String tolksprak) {
    }

    static final Origin SVENSK = new Origin(0.46,
            List.of("Anna", "Maria", "Sara", "Karin", "Emma", "Linnea", "Malin", "Jenny", "Sofia", "Helena", "Ebba",
                    "Therese", "Camilla", "Josefin"),
            List.of("Johan", "Erik", "Mikael", "Daniel", "Anders", "Jonas", "Marcus", "Oskar", "Stefan", "Peter",
                    "Björn", "Niklas", "Tobias", "Patrik"),
            List.of("Lindqvist", "Nilsson", "Svensson", "Johansson", "Andersson", "Karlsson", "Eriksson", "Larsson",
                    "Olsson", "Persson", "Gustafsson", "Pettersson", "Jönsson", "Lindberg", "Axelsson", "Sandberg",
                    "Holm", "Berg", "Nordin", "Lund", "Sjöberg", "Hedlund"),
            null, null);

    static final List<Origin> ORIGINS = List.of(
            SVENSK,
            new Origin(0.12, List.of("Fatima", "Mariam", "Nour", "Yasmin", "Aisha", "Rana", "Layla", "Huda"),
                    List.of("Ahmed", "Mohammed", "Omar", "Ali", "Khalid", "Samir", "Hassan", "Yousef"),
                    List.of("Ali", "Hassan", "Haddad", "Khalil", "Saleh", "Mansour", "Ibrahim", "Aziz", "Nasser",
                            "Jaber"),
                    "ar", "ar"),
            new Origin(0.10, List.of("Hodan", "Ayan", "Amina", "Sahra", "Fadumo", "Hawa", "Nimco", "Deeqa"),
                    List.of("Abdi", "Mohamed", "Abdirahman", "Hassan", "Ahmed", "Yusuf", "Mahad", "Liban"),
                    List.of("Warsame", "Abdullahi", "Mohamud", "Farah", "Jama", "Osman", "Hussein", "Ali", "Omar",
                            "Nur"),
                    "so", "so"),
            new Origin(0.05, List.of("Rahel", "Saba", "Helen", "Selam", "Feven", "Senait"),
                    List.of("Yonas", "Dawit", "Tesfay", "Filmon", "Michael", "Samuel"),
                    List.of("Haile", "Tesfaye", "Gebremariam", "Tekle", "Berhane", "Kidane", "Yohannes"),
                    "ti", "ti"),
            new Origin(0.07, List.of("Parisa", "Shirin", "Maryam", "Zahra", "Leila", "Nasrin", "Fereshteh"),
                    List.of("Reza", "Hamid", "Ahmad", "Mehdi", "Ali", "Jawad", "Mustafa"),
                    List.of("Rahimi", "Hosseini", "Ahmadi", "Karimi", "Mohammadi", "Sadeghi", "Jafari", "Rezaei"),
                    "fa", "fa"),
            new Origin(0.07, List.of("Jelena", "Amra", "Ana", "Mirela", "Sanela", "Vesna"),
                    List.of("Dragan", "Nikola", "Emir", "Milan", "Zoran", "Adnan"),
                    List.of("Petrović", "Jovanović", "Hodžić", "Mehmedović", "Nikolić", "Begić", "Kovačević",
                            "Marković"),
                    null, "bs"),
            new Origin(0.05, List.of("Elif", "Ayşe", "Zeynep", "Leyla", "Berivan"),
                    List.of("Mehmet", "Mustafa", "Hüseyin", "Kemal", "Serkan"),
                    List.of("Yilmaz", "Kaya", "Demir", "Aydin", "Öztürk", "Çelik"),
                    null, "tr"),
            new Origin(0.03, List.of("Agnieszka", "Ewa", "Katarzyna", "Magdalena"),
                    List.of("Tomasz", "Piotr", "Marek", "Krzysztof"),
                    List.of("Nowak", "Mazur", "Krawczyk", "Zając"),
                    "en", "pl"),
            new Origin(0.02, List.of("Tiina", "Päivi", "Sanna", "Riitta"),
                    List.of("Jari", "Mika", "Timo", "Pekka"),
                    List.of("Virtanen", "Koskinen", "Mäkinen", "Heikkinen", "Laine"),
                    null, "fi"),
            new Origin(0.03, List.of("Carolina", "Daniela", "Valentina", "Paula"),
                    List.of("Juan", "Carlos", "Diego", "Andrés"),
                    List.of("Rodríguez", "González", "Muñoz", "Rojas", "Fernández"),
                    "en", "es"));
}
