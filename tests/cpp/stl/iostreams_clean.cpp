// EXPECT: clean
// iostreams and stringstreams: formatting and parsing happen in
// libstdc++'s out-of-line code (locale, num_put/num_get), which writes
// the values instrumented code then reads.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include "../common/opaque.hpp"
int main() {
    std::ostringstream os;
    os << "value=" << OPAQUE_INT(42) << " pi=" << std::setprecision(4) << 3.14159 << ' ' << std::hex << 255;
    std::string text = os.str();
    std::cout << text << std::endl;
    std::istringstream is("17 2.5 word 0x1f");
    int a;
    double d;
    std::string w;
    int h;
    is >> a >> d >> w >> std::hex >> h;
    if (a == 17 && d > 2.0 && w == "word" && h == 31) std::cout << "parsed " << a << ' ' << d << ' ' << w << ' ' << h << '\n';
    std::stringstream ss;
    for (int i = 0; i < 5; i++) ss << i << ',';
    std::string item;
    int total = 0;
    while (std::getline(ss, item, ',')) total += std::stoi(item);
    std::cout << "total " << total << '\n';
    std::cout << std::setw(8) << std::left << "left" << '|' << std::right << std::setw(6) << 12 << '|' << std::endl;
    std::cerr << "to stderr " << total << std::endl;
    printf("%s\n", text.c_str());
    return 0;
}
