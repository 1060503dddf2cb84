package org.snnlab.train.energy;

/**
 * Energy per synaptic operation of a hardware profile, for operation-count estimates
 * ({@link OpCounter}): E = AC x {@link #picojoulesPerAc} + MAC x {@link #picojoulesPerMac}.
 *
 * @param name              short name, e.g. {@code 45nm}
 * @param picojoulesPerAc   one accumulate (an addition of a weight), pJ
 * @param picojoulesPerMac  one multiply-accumulate, pJ
 * @param source            where the figures come from
 */
public record EnergyProfile(String name, double picojoulesPerAc, double picojoulesPerMac, String source) {
    public EnergyProfile {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("energy profile needs a name");
        if (!(picojoulesPerAc >= 0) || !(picojoulesPerMac >= 0) || Double.isInfinite(picojoulesPerAc) || Double.isInfinite(picojoulesPerMac))
            throw new IllegalArgumentException("energies per operation must be finite and >= 0, got " + picojoulesPerAc + ", " + picojoulesPerMac);
    }

    /**
     * 32-bit floating point in 45 nm CMOS (Horowitz, "Computing's energy problem (and what we can do
     * about it)", ISSCC 2014): an add 0.9 pJ, a multiply 3.7 pJ, so AC = 0.9 pJ and MAC = 4.6 pJ. The
     * convention of most SNN energy tables (e.g. Yao et al. 2023, arXiv 2401.10843).
     */
    public static final EnergyProfile HOROWITZ_45NM = new EnergyProfile("45nm", 0.9, 4.6,
            "Horowitz, ISSCC 2014: 32-bit float add 0.9 pJ, multiply 3.7 pJ (45 nm)");

    /** Joules of {@code ac} accumulates and {@code mac} multiply-accumulates. */
    public double joules(double ac, double mac) {
        return (ac * picojoulesPerAc + mac * picojoulesPerMac) * 1e-12;
    }
}
