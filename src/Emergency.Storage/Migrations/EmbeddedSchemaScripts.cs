using System.Globalization;
using System.Reflection;

namespace Emergency.Storage.Migrations;

/// <summary>Loads the <c>Schema/&lt;Provider&gt;/NNNN_name.sql</c> files embedded in this assembly.</summary>
internal static class EmbeddedSchemaScripts
{
    private static readonly Lazy<IReadOnlyList<SchemaScript>> Sqlite = new(() => Load("Sqlite"));
    private static readonly Lazy<IReadOnlyList<SchemaScript>> PostgreSql = new(() => Load("PostgreSql"));

    public static IReadOnlyList<SchemaScript> For(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => Sqlite.Value,
        StorageProvider.PostgreSql => PostgreSql.Value,
        _ => throw StorageConfigurationException.UnknownProvider(provider.ToString()),
    };

    private static IReadOnlyList<SchemaScript> Load(string folder)
    {
        var assembly = typeof(EmbeddedSchemaScripts).Assembly;
        var prefix = $"{assembly.GetName().Name}.Schema.{folder}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..]))
            .OrderBy(script => script.Version)
            .ToList();

        return Validated(folder, scripts);
    }

    private static SchemaScript Read(Assembly assembly, string resourceName, string fileName)
    {
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema script '{resourceName}' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Schema script '{resourceName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, fileName, reader.ReadToEnd());
    }

    internal static IReadOnlyList<SchemaScript> Validated(string provider, IReadOnlyList<SchemaScript> scripts)
    {
        // A gap or a duplicate would make "the next version" ambiguous, so refuse to run at all.
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{provider} schema scripts must be numbered 1..N without gaps; found '{scripts[i].Name}' at position {i + 1}.");
            }
        }

        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No {provider} schema scripts are embedded.");
    }
}
