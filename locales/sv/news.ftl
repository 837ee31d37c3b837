# news
