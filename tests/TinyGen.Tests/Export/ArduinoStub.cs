namespace TinyGen.Tests.Export;

/// <summary>
/// The smallest Arduino core a sketch needs to compile and link here (arduino-cli cannot be installed):
/// Arduino.h with Serial and micros(), and a main() that calls setup() and loop() once. On the host,
/// Serial writes to stdout so the sketch's report can be read back. Test-only; never part of an export.
/// </summary>
internal static class ArduinoStub
{
    public const string Header = """
        #ifndef ARDUINO_STUB_H
        #define ARDUINO_STUB_H
        #include <stdint.h>
        #include <string.h>
        class SerialStub {
        public:
            void begin(unsigned long baud);
            explicit operator bool() const { return true; }
            void print(const char *text);
            void print(long value);
            void print(unsigned long value);
            void print(int value) { print(static_cast<long>(value)); }
            void println(const char *text) { print(text); print("\n"); }
            void println(int value) { print(value); print("\n"); }
        };
        extern SerialStub Serial;
        unsigned long micros(void);
        void setup(void);
        void loop(void);
        #endif
        """;

    public const string Core = """
        #include <stdio.h>
        #include "Arduino.h"
        SerialStub Serial;
        void SerialStub::begin(unsigned long baud) { (void)baud; }
        void SerialStub::print(const char *text) { fputs(text, stdout); }
        void SerialStub::print(long value) { printf("%ld", value); }
        void SerialStub::print(unsigned long value) { printf("%lu", value); }
        unsigned long micros(void) { return 0; }
        int main(void) { setup(); loop(); return 0; }
        """;

    /// <summary>Writes Arduino.h and the core source into <paramref name="folder"/>; returns the core's path.</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Arduino.h"), Header);
        var core = Path.Combine(folder, "arduino_core.cpp");
        File.WriteAllText(core, Core);
        return core;
    }
}
