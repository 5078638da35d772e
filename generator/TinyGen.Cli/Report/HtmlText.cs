using System.Net;

namespace TinyGen.Cli.Report;

/// <summary>Model-derived text made safe for HTML element content and attribute values (quotes included).</summary>
public static class HtmlText
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
