namespace Emergency.Storage.Migrations;

/// <summary>One versioned schema step; <see cref="Version"/> counts from 1 without gaps.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);
