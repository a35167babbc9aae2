target "default" { tags = ["d"] }
group "ci" { targets = ["default", "other"] }
target "other" { tags = ["o"] }
