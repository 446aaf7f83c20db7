"""What a list returns when counting needs another statement than listing."""


class Listing:
    """A select of the rows and a select whose rows are counted for the total.

    The best plan for "the newest 25" and for "how many in all" can differ (the feed);
    both must select the same rows.
    """

    def __init__(self, query, count_query):
        self.query = query
        self.count_query = count_query
