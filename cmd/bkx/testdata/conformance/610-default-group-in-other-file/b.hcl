group "default" { targets = ["x"] }
group "default" { targets = ["y"] }
