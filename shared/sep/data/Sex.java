package sep.data;

import java.util.Locale;

public enum Sex {
    MALE, FEMALE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
