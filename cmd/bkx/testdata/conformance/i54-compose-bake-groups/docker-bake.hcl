group "default" { targets = ["web"] }
group "all" { targets = ["web", "api"] }
