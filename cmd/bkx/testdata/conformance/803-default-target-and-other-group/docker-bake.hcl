target "default" { tags = ["d"] }
group "release" { targets = ["default", "other"] }
target "other" { tags = ["o"] }
