using System.Globalization;
using HandlebarsDotNet;
using TinyGen.Diagnostics;

namespace TinyGen.Emit;

/// <summary>
/// The Handlebars templates of templates/: every *.hbs below partials/ is registered as a partial
/// (by file name without .hbs), the others are compiled on first use by relative path.
/// HTML escaping is switched off (NoEscape): it would turn C's quotes and ampersands into
/// entities. Escaping model text for C is done explicitly before it reaches a template (see
/// <see cref="CText"/>, <see cref="CIdentifier"/>). A misspelt binding throws instead of rendering empty.
/// </summary>
public sealed class TemplateSet
{
    private readonly IHandlebars handlebars;
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> compiled = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public TemplateSet(string directory)
    {
        if (!Directory.Exists(directory))
            throw new TinyGenException($"template folder '{directory}' does not exist", ExitCodes.ToolError);
        Folder = Path.GetFullPath(directory);
        handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = true,
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
        });
        var partials = Path.Combine(Folder, "partials");
        if (Directory.Exists(partials))
        {
            foreach (var file in Directory.EnumerateFiles(partials, "*.hbs").OrderBy(f => f, StringComparer.Ordinal))
            {
                // A one-line partial is used inside a line, so the file's final newline is not part of
                // it; a multi-line partial stands on its own lines and keeps it.
                var text = Normalize(File.ReadAllText(file));
                if (text.TrimEnd('\n').IndexOf('\n') < 0) text = text.TrimEnd('\n');
                handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(file), text);
            }
        }
    }

    public string Folder { get; }

    private static readonly Lazy<TemplateSet> product = new(() => new TemplateSet(Boards.ProductPaths.Templates));

    /// <summary>The product's templates, compiled once per process: compiling them costs more than emitting a small model.</summary>
    public static TemplateSet Default() => product.Value;

    /// <summary>Renders templates/<paramref name="relativePath"/> with <paramref name="model"/>.</summary>
    public string Render(string relativePath, object model)
    {
        HandlebarsTemplate<object, object> template;
        lock (gate)
        {
            if (!compiled.TryGetValue(relativePath, out template!))
            {
                var path = Path.Combine(Folder, relativePath);
                if (!File.Exists(path))
                    throw new TinyGenException($"template '{relativePath}' is missing from {Folder}", ExitCodes.ToolError);
                template = handlebars.Compile(Normalize(File.ReadAllText(path)));
                compiled[relativePath] = template;
            }
        }
        try
        {
            return template(model);
        }
        catch (HandlebarsException e)
        {
            throw new TinyGenException($"internal: template '{relativePath}' failed: {e.Message}", ExitCodes.UserError, e);
        }
    }

    // Templates checked out on Windows must not put CRs into the C files.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
