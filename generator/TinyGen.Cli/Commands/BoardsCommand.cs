using System.CommandLine;
using Spectre.Console;
using TinyGen.Boards;

namespace TinyGen.Cli.Commands;

public static class BoardsCommand
{
    public static Command Create()
    {
        var command = new Command("boards", "List the boards TinyGen can compile for, with their budgets.\n\nExample:\n  tinygen boards");
        command.SetAction(_ => Program.Guarded(() =>
        {
            var table = new Table().AddColumns("board", "core", "FPU", "DSP", "MVE", "SRAM budget", "flash budget", "clock", "QEMU machine", "Renode", "PlatformIO");
            foreach (var b in BoardCatalog.Default().List())
                table.AddRow(b.Name, b.Core, Yes(b.Fpu), Yes(b.Dsp), Yes(b.Mve), $"{b.Budget.Sram:N0}", $"{b.Budget.Flash:N0}", $"{b.CpuHz / 1_000_000.0:0.#} MHz",
                    Markup.Escape(b.Qemu?.Machine ?? "-"), b.Renode is null ? "-" : "yes", Markup.Escape(b.PlatformIo?.Board ?? "-"));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static string Yes(bool value) => value ? "yes" : "-";
}
