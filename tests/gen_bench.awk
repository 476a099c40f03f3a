# tests/gen_bench.awk — writes an N-row indicator CSV in the shape of a real
# export (semicolon, decimal comma, title rows, column-number row, group
# rows every 50 rows), with capaian values computed in integers: 97 % are
# rounded right, 2 % truncated, 1 % wrong. Usage: awk -v rows=N -f gen_bench.awk
BEGIN {
    print "REALISASI PERJANJIAN KINERJA (PK);;;;;"
    print "Tahun Anggaran;2019;;;;"
    print "No;Sasaran Strategis;Indikator Kinerja;Target;Realisasi;% Capaian"
    print "(1);(2);(3);(4);(5);(6)"
    n = 0
    for (i = 1; i <= rows; i++) {
        if (i % 50 == 1) print ";Sasaran strategis " int(i / 50 + 1) ";URUSAN " int(i / 50 + 1) ";;;"
        t = (i * 37) % 997 + 3
        r = (i * 53) % 1201
        q = int(r * 1000000 / t)                 # capaian x 10^4, truncated
        if (i % 100 == 7) v = int((q + 50) / 100) + 1234   # wrong
        else if (i % 50 == 3) v = int(q / 100)            # truncated to 2 decimals
        else v = int((q + 50) / 100)                       # rounded half-up
        pct = int(v / 100) "," sprintf("%02d", v % 100) "%"
        print i ";;Jumlah indikator nomor " i ";" t " orang;" r " orang;" pct
    }
}
